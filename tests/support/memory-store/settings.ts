/** The site and article settings. */
import { versionConflict } from '../../../lambda/domain/errors';
import { type ArticleSettings, type SiteSettings, withDefaults } from '../../../lambda/domain/settings';
import type { SettingsStore } from '../../../lambda/domain/ports/settings-store';
import { copy, type MemoryTables } from './tables';

export function memorySettingsStore(t: MemoryTables): SettingsStore {
  // Calls within the port go through `this`, so a test that replaces one method on the store sees it used.
  return {
    async getSettings(): Promise<SiteSettings> {
      return copy(withDefaults(t.settings ?? {}));
    },

    async putSettings(settings: SiteSettings, expectedVersion: number): Promise<void> {
      const matches = t.settings ? t.settings.version === expectedVersion : expectedVersion === 0;
      if (!matches) throw versionConflict((await this.getSettings()).version);
      t.settings = copy(settings);
    },

    async getArticle(articleId: string): Promise<ArticleSettings | undefined> {
      const stored = t.articles.get(articleId);
      if (!stored) return undefined;
      return {
        articleId,
        commentsOpen: stored.commentsOpen ?? true,
        publishedAt: stored.publishedAt ?? null,
        premoderation: stored.premoderation ?? null,
        firstCommentAt: stored.firstCommentAt ?? null,
      };
    },

    /** Keeps firstCommentAt, as the DynamoDB store does. */
    async putArticle(article: ArticleSettings): Promise<void> {
      const { commentsOpen, publishedAt, premoderation } = copy(article);
      t.articles.set(article.articleId, { ...t.articles.get(article.articleId), commentsOpen, publishedAt, premoderation });
    },
  };
}
