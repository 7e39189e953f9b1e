/**
 * Articles' settings read earlier, reused for the same time as the site
 * settings (settingsCacheMs): the public list and submissions then read no
 * article item on most requests. A change made through this function applies
 * to it at once; one made elsewhere within the cache time. Concurrent misses
 * of one article share one read, and at most `limit` articles are kept (the
 * longest-held dropped first), so a crawl over many articles cannot grow it.
 */
import type { SettingsStore } from '../ports/settings-store';
import type { ArticleSettings } from '../settings';

export const ARTICLE_CACHE_LIMIT = 1000;

export class ArticleCache {
  private readonly held = new Map<string, { value: Promise<ArticleSettings | undefined>; until: number }>();

  constructor(
    private readonly store: Pick<SettingsStore, 'getArticle'>,
    private readonly now: () => Date,
    private readonly ttlMs: number,
    private readonly limit = ARTICLE_CACHE_LIMIT,
  ) {}

  /** The stored article, or undefined when none is stored (the defaults apply). */
  current(articleId: string): Promise<ArticleSettings | undefined> {
    if (this.ttlMs <= 0) return this.store.getArticle(articleId);
    const now = this.now().getTime();
    const entry = this.held.get(articleId);
    if (entry && now < entry.until) return entry.value;
    const value = this.store.getArticle(articleId);
    this.keep(articleId, value, now);
    // A failed read is not kept: the next request reads again.
    value.catch(() => {
      if (this.held.get(articleId)?.value === value) this.held.delete(articleId);
    });
    return value;
  }

  /** A change made through this function applies to it at once. */
  remember(article: ArticleSettings): void {
    if (this.ttlMs > 0) this.keep(article.articleId, Promise.resolve(article), this.now().getTime());
  }

  private keep(articleId: string, value: Promise<ArticleSettings | undefined>, now: number): void {
    this.held.delete(articleId);
    if (this.held.size >= this.limit) {
      const oldest = this.held.keys().next();
      if (!oldest.done) this.held.delete(oldest.value);
    }
    this.held.set(articleId, { value, until: now + this.ttlMs });
  }
}
