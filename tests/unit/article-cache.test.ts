/** The function's cache of articles' settings: what the list and submissions may reuse, and for how long. */
import { describe, expect, it } from 'vitest';
import { ArticleCache } from '../../lambda/domain/use-cases/article-cache';
import type { ArticleSettings } from '../../lambda/domain/settings';

const article = (articleId: string, commentsOpen = true): ArticleSettings => ({
  articleId,
  commentsOpen,
  publishedAt: null,
  premoderation: null,
  firstCommentAt: null,
});

function setup(ttlMs: number, limit?: number) {
  const stored = new Map<string, ArticleSettings>();
  const reads: string[] = [];
  let failNext = false;
  let time = Date.parse('2030-01-01T00:00:00Z');
  const store = {
    getArticle: async (articleId: string) => {
      reads.push(articleId);
      if (failNext) {
        failNext = false;
        throw new Error('throttled');
      }
      return stored.get(articleId);
    },
  };
  const cache = new ArticleCache(store, () => new Date(time), ttlMs, limit);
  return {
    cache,
    stored,
    reads,
    failOnce: () => void (failNext = true),
    advance: (ms: number) => void (time += ms),
  };
}

describe('article cache', () => {
  it('reuses an article for the cache time, then reads it again and sees a change made elsewhere', async () => {
    const { cache, stored, reads, advance } = setup(5000);
    stored.set('a', article('a'));
    expect((await cache.current('a'))?.commentsOpen).toBe(true);
    stored.set('a', article('a', false));
    advance(4999);
    expect((await cache.current('a'))?.commentsOpen).toBe(true);
    expect(reads).toEqual(['a']);
    advance(1);
    expect((await cache.current('a'))?.commentsOpen).toBe(false);
    expect(reads).toEqual(['a', 'a']);
  });

  it('reads every time when the cache time is 0 (the local runtime: a change applies to the next request)', async () => {
    const { cache, reads } = setup(0);
    await cache.current('a');
    await cache.current('a');
    expect(reads).toEqual(['a', 'a']);
  });

  it('remembers an article absent from the store too, so an article without settings costs no read either', async () => {
    const { cache, reads } = setup(5000);
    expect(await cache.current('new')).toBeUndefined();
    expect(await cache.current('new')).toBeUndefined();
    expect(reads).toEqual(['new']);
  });

  it('applies a change made through this function at once', async () => {
    const { cache, stored, reads } = setup(5000);
    stored.set('a', article('a'));
    await cache.current('a');
    cache.remember(article('a', false));
    expect((await cache.current('a'))?.commentsOpen).toBe(false);
    expect(reads).toEqual(['a']);
  });

  it('shares one read between concurrent requests for the same article', async () => {
    const { cache, reads } = setup(5000);
    await Promise.all([cache.current('a'), cache.current('a'), cache.current('a')]);
    expect(reads).toEqual(['a']);
  });

  it('does not keep a failed read: the next request reads again', async () => {
    const { cache, stored, reads, failOnce } = setup(5000);
    stored.set('a', article('a'));
    failOnce();
    await expect(cache.current('a')).rejects.toThrow('throttled');
    expect((await cache.current('a'))?.articleId).toBe('a');
    expect(reads).toEqual(['a', 'a']);
  });

  it('keeps at most its limit of articles, dropping the longest held', async () => {
    const { cache, reads } = setup(5000, 2);
    await cache.current('a');
    await cache.current('b');
    await cache.current('c');
    await cache.current('c');
    await cache.current('b');
    await cache.current('a');
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
  });
});
