/** The counts script's requests: every count span of a page in one request (up to 50 articles), no malformed id sent. */
import { describe, expect, it } from 'vitest';
import { articleIdsOf, countUrls, QUERY_BYTES_MAX } from '../../web/counts/comment-counts';
import { bundleWebAssets } from '../../scripts/build-web';

describe('comment-counts.js', () => {
  it('asks once for the distinct well-formed ids of the page, in page order', () => {
    const ids = articleIdsOf(['story-1', ' story-2 ', 'story-1', undefined, '', 'bad id', 'story-3']);
    expect(ids).toEqual(['story-1', 'story-2', 'story-3']);
    expect(countUrls('https://api.example/api/', ids)).toEqual(['https://api.example/api/counts?articles=story-1,story-2,story-3']);
  });

  it('makes one request per 50 articles, and none for a page without count spans', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `a${i}`);
    const urls = countUrls('https://api.example/api', ids);
    expect(urls).toHaveLength(3);
    expect(urls.map((url) => new URL(url).searchParams.get('articles')!.split(',').length)).toEqual([50, 50, 20]);
    expect(countUrls('https://api.example/api', [])).toEqual([]);
  });

  it("splits a page of long slugs so no query string reaches the firewall's 2,048-byte limit, every id asked once", () => {
    const ids = Array.from({ length: 50 }, (_, i) => `${'a-long-news-slug-about-something-that-happened'.repeat(2)}-${i}`);
    const urls = countUrls('https://api.example/api', ids);
    expect(urls.length).toBeGreaterThan(1);
    for (const url of urls) expect(new URL(url).search.length - 1).toBeLessThanOrEqual(QUERY_BYTES_MAX);
    expect(QUERY_BYTES_MAX).toBeLessThan(2048);
    expect(urls.flatMap((url) => new URL(url).searchParams.get('articles')!.split(','))).toEqual(ids);
    const longest = Array.from({ length: 50 }, (_, i) => `${'x'.repeat(125)}${String(i).padStart(3, '0')}`);
    for (const url of countUrls('https://api.example/api', longest))
      expect(new URL(url).search.length - 1).toBeLessThanOrEqual(QUERY_BYTES_MAX);
  });

  it('is built as assets/comment-counts.js, small enough to add to any list page', async () => {
    const script = (await bundleWebAssets()).find((asset) => asset.path === 'assets/comment-counts.js');
    expect(script).toBeDefined();
    expect(script!.contents.length).toBeLessThan(2048);
  });
});
