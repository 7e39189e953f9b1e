/**
 * The use cases of one function, wired together: submit, moderate, list,
 * settings and articles (one file each under ./use-cases). They share the
 * store, the keys this function holds, the clock and one settings cache, so
 * a settings change made here applies here at once. Pure orchestration over
 * the store port: no AWS, no HTTP.
 */
import { NO_METRICS } from '../ports/moderation-metrics';
import type { CommentStatus } from './comment';
import { BUILTIN_ONLY } from './triage/builtin-source';
import { BanAdmin } from './use-cases/bans';
import { countComments } from './use-cases/count-comments';
import { required, type ServiceDeps, SettingsCache } from './use-cases/deps';
import { ListComments } from './use-cases/list-comments';
import { ModerateComment } from './use-cases/moderate-comment';
import { type ReportRequest, ReportComment } from './use-cases/report-comment';
import { SiteSettingsAdmin } from './use-cases/site-settings';
import { type SubmitRequest, SubmitComment } from './use-cases/submit-comment';

export type { ServiceDeps } from './use-cases/deps';
export type { ArticleView } from './use-cases/site-settings';
export type { SubmitRequest, SubmitResult } from './use-cases/submit-comment';
export type { ReportRequest } from './use-cases/report-comment';

export class CommentService {
  readonly lists: ListComments;
  readonly moderation: ModerateComment;
  readonly siteSettings: SiteSettingsAdmin;
  readonly bans: BanAdmin;
  private readonly submitting: SubmitComment | undefined;
  private readonly reporting: ReportComment | undefined;
  private readonly store: ServiceDeps['store'];

  constructor(deps: ServiceDeps) {
    const now = deps.now ?? (() => new Date());
    this.store = deps.store;
    const cache = new SettingsCache(deps.store, now, deps.settingsCacheMs ?? 0);
    const metrics = deps.metrics ?? NO_METRICS;
    const classifiers = deps.classifiers ?? BUILTIN_ONLY;
    this.lists = new ListComments(deps.store, deps.cursors, cache, now, deps.hasher);
    this.moderation = new ModerateComment(deps.store, cache, now, metrics);
    this.siteSettings = new SiteSettingsAdmin(deps.store, cache, classifiers.enabled);
    this.bans = new BanAdmin(deps.store, now);
    // Only functions granted the hash key can take submissions.
    this.submitting = deps.hasher ? new SubmitComment(deps.store, deps.hasher, cache, now, metrics, classifiers, deps.triage) : undefined;
    this.reporting = deps.hasher ? new ReportComment(deps.store, deps.hasher, cache, now, metrics) : undefined;
  }

  report = (request: ReportRequest) => required(this.reporting, 'hasher').report(request);
  submit = (request: SubmitRequest) => required(this.submitting, 'hasher').submit(request);
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
  updateSettings = (body: unknown) => this.siteSettings.updateSettings(body);
  getArticle = (articleId: string) => this.siteSettings.getArticle(articleId);
  updateArticle = (articleId: string, body: unknown) => this.siteSettings.updateArticle(articleId, body);
}
