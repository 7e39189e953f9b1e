/**
 * Every use case except taking submissions, as one object: list, moderate,
 * report, settings, articles and bans (one file each under ./use-cases).
 * They share the storage ports, the keys, the clock and one settings cache,
 * so a settings change made here applies here at once. Tests and the
 * benchmark drive the service through it (./comment-service.ts adds
 * submissions); a deployed function builds only its own use case
 * (lambda/wiring/routes/). Pure orchestration over the ports: no AWS, no HTTP.
 */
import { NO_METRICS } from './ports/moderation-metrics';
import type { CommentStatus } from './comment';
import { readArticlePatch } from './article-schema';
import { readSettingsPatch } from './settings-schema';
import { BanAdmin } from './use-cases/bans';
import { countComments } from './use-cases/count-comments';
import { ArticleCache } from './use-cases/article-cache';
import { required, type ServiceDeps, SettingsCache } from './use-cases/deps';
import { ListComments } from './use-cases/list-comments';
import { ModerateComment } from './use-cases/moderate-comment';
import { type ReportRequest, ReportComment } from './use-cases/report-comment';
import { SiteSettingsAdmin } from './use-cases/site-settings';

export type { ServiceDeps } from './use-cases/deps';
export type { ArticleView } from './use-cases/site-settings';
export type { ReportRequest } from './use-cases/report-comment';

export class CommentOperations {
  readonly lists: ListComments;
  readonly moderation: ModerateComment;
  readonly siteSettings: SiteSettingsAdmin;
  readonly bans: BanAdmin;
  private readonly reporting: ReportComment | undefined;
  protected readonly store: ServiceDeps['store'];
  protected readonly now: () => Date;
  protected readonly settings: SettingsCache;
  protected readonly articles: ArticleCache;

  constructor(deps: ServiceDeps) {
    const now = (this.now = deps.now ?? (() => new Date()));
    this.store = deps.store;
    const cache = (this.settings = new SettingsCache(deps.store, now, deps.settingsCacheMs ?? 0));
    const articles = (this.articles = new ArticleCache(deps.store, now, deps.settingsCacheMs ?? 0));
    const metrics = deps.metrics ?? NO_METRICS;
    this.lists = new ListComments(deps.store, deps.cursors, cache, articles, now, deps.hasher);
    this.moderation = new ModerateComment(deps.store, cache, now, metrics);
    this.siteSettings = new SiteSettingsAdmin(
      deps.store,
      cache,
      articles,
      deps.enabledProviders ?? deps.classifiers?.enabled ?? ['builtin'],
    );
    this.bans = new BanAdmin(deps.store, now);
    // Only functions granted the hash key can take reports.
    this.reporting = deps.hasher ? new ReportComment(deps.store, deps.hasher, cache, now, metrics) : undefined;
  }

  report = (request: ReportRequest) => required(this.reporting, 'hasher').report(request);
  listPublished = (articleId: string, query: { limit: number; cursor?: string }) => this.lists.listPublished(articleId, query);
  /** `?articles=a,b,c` as sent: 1–50 article ids (422 otherwise). */
  countPublished = (articles: string | undefined) => countComments(this.store, articles);
  listForModeration = (query: {
    status: CommentStatus | 'reported';
    limit: number;
    cursor?: string;
    articleId?: string;
    byRisk?: boolean;
  }) => this.lists.listForModeration(query);
  listByEmail = (query: { email: string; limit: number; cursor?: string }) => this.lists.listByEmail(query);
  getForModeration = (id: string) => this.moderation.getForModeration(id);
  moderate = (id: string, to: CommentStatus, options: { actor: string; expectedVersion?: number; reason?: string | null }) =>
    this.moderation.moderate(id, to, options);
  delete = (id: string, options: { actor: string; expectedVersion?: number }) => this.moderation.delete(id, options);
  history = (id: string) => this.moderation.history(id);
  getSettings = () => this.siteSettings.getSettings();
  updateSettings = async (body: unknown) => this.siteSettings.updateSettings(readSettingsPatch(body));
  getArticle = (articleId: string) => this.siteSettings.getArticle(articleId);
  updateArticle = async (articleId: string, body: unknown) => this.siteSettings.updateArticle(articleId, readArticlePatch(body));
}
