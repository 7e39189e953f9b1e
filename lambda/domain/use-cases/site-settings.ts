/** The site's moderation settings and each article's comment settings, as moderators read and change them. */
import type { SettingsStore } from '../ports/settings-store';
import { validationFailed, versionConflict } from '../errors';
import { type ArticleSettings, defaultArticle, type SiteSettings } from '../settings';
import type { ProviderName } from '../ports/classifier';
import { applyArticlePatch, applySettingsPatch, triageErrors } from '../settings-patch';
import type { ArticlePatch } from '../article-schema';
import type { SettingsPatch } from '../settings-schema';
import type { ArticleCache } from './article-cache';
import type { SettingsCache } from './deps';

export type ArticleView = Omit<ArticleSettings, 'firstCommentAt'>;
const articleView = ({ firstCommentAt: _first, ...view }: ArticleSettings): ArticleView => view;

export class SiteSettingsAdmin {
  constructor(
    private readonly store: SettingsStore,
    private readonly cache: SettingsCache,
    private readonly articles: ArticleCache,
    /** The classifier providers this deployment enabled; settings may name no other. */
    private readonly enabledProviders: readonly ProviderName[],
  ) {}

  /** Always read from the store: moderators see what is stored, not a cached copy. */
  async getSettings(): Promise<SiteSettings> {
    return this.store.getSettings();
  }

  /** Partial update (parsed by settings-schema.ts); `version` in the patch makes it conditional (409 when stale). */
  async updateSettings(patch: SettingsPatch): Promise<SiteSettings> {
    const current = await this.store.getSettings();
    if (patch.version !== undefined && patch.version !== current.version) throw versionConflict(current.version);
    const next = applySettingsPatch(current, patch);
    const triage = triageErrors(next, this.enabledProviders);
    if (Object.keys(triage).length > 0) throw validationFailed(triage);
    await this.store.putSettings(next, current.version);
    this.cache.remember(next);
    return next;
  }

  async getArticle(articleId: string): Promise<ArticleView> {
    return articleView((await this.store.getArticle(articleId)) ?? defaultArticle(articleId));
  }

  async updateArticle(articleId: string, patch: ArticlePatch): Promise<ArticleView> {
    if (patch.articleId !== undefined && patch.articleId !== articleId) {
      throw validationFailed({ articleId: 'articleId must be the article in the path (or left out).' });
    }
    const next = applyArticlePatch((await this.store.getArticle(articleId)) ?? defaultArticle(articleId), patch);
    await this.store.putArticle(next);
    this.articles.remember(next);
    return articleView(next);
  }
}
