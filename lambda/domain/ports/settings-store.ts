/** The site's moderation settings and each article's own settings. */
import type { ArticleSettings, SiteSettings } from '../settings';

export interface SettingsStore {
  getSettings(): Promise<SiteSettings>;
  /** Stores new settings if the stored ones are still at `expectedVersion`; otherwise throws VersionConflict. */
  putSettings(settings: SiteSettings, expectedVersion: number): Promise<void>;
  getArticle(articleId: string): Promise<ArticleSettings | undefined>;
  putArticle(article: ArticleSettings): Promise<void>;
}
