/**
 * The public reads through the local edge stand-in, which caches as the
 * answers' headers say and is purged from the comments stream, as CloudFront
 * is deployed: hits and misses, 304s, the cache key, purges when a comment
 * stops being public, and new approvals showing once the cached page expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { api, MODERATOR_TOKEN, startFloodFreeRuntime, validComment } from '../support/runtime';

const FRESH = 4;
const STALE = 2;
const mod = { token: MODERATOR_TOKEN };
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startFloodFreeRuntime({ edge: true, edgeFreshSeconds: FRESH, edgeStaleSeconds: STALE });
});
afterAll(() => runtime?.stop());

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const list = (article: string, query = '', headers: Record<string, string> = {}) =>
  api(runtime, 'GET', `/articles/${article}/comments${query}`, { headers });
const authorsOf = (answer: { body: { comments: Array<{ author: string }> } }) => answer.body.comments.map((c) => c.author);

async function published(article: string, overrides: Record<string, unknown> = {}) {
  const posted = await api(runtime, 'POST', `/articles/${article}/comments`, { body: validComment(overrides) });
  expect(posted.status).toBe(202);
  const approved = await api(runtime, 'POST', `/admin/comments/${posted.body.id}/approve`, mod);
  expect(approved.status).toBe(200);
  return approved.body as { id: string; author: string; version: number };
}

describe('cache headers', () => {
  it('public reads are cacheable with an ETag; posts and moderator routes are no-store', async () => {
    const read = await list('edge-headers');
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe(
      `public, max-age=0, s-maxage=${FRESH}, stale-while-revalidate=${STALE}, stale-if-error=86400`,
    );
    expect(read.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    const counts = await api(runtime, 'GET', '/counts?articles=edge-headers');
    expect(counts.headers.get('cache-control')).toBe(read.headers.get('cache-control'));

    const posted = await api(runtime, 'POST', '/articles/edge-headers/comments', { body: validComment() });
    expect(posted.headers.get('cache-control')).toBe('no-store');
    expect(posted.headers.get('x-cache')).toBeNull();
    const queue = await api(runtime, 'GET', '/admin/comments', mod);
    expect(queue.headers.get('cache-control')).toBe('no-store');
    expect(queue.headers.get('x-cache')).toBeNull();
  });
});

describe('the local edge', () => {
  it('misses once, then hits; a reader holding the current ETag gets a bodiless 304', async () => {
    await published('edge-hits', { author: 'Ada' });
    const first = await list('edge-hits');
    expect(first.headers.get('x-cache')).toBe('Miss from local-edge');
    const second = await list('edge-hits');
    expect(second.headers.get('x-cache')).toBe('Hit from local-edge');
    expect(second.text).toBe(first.text);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));

    const notModified = await list('edge-hits', '', { 'if-none-match': first.headers.get('etag')! });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('x-cache')).toBe('Hit from local-edge');
    const otherTag = await list('edge-hits', '', { 'if-none-match': '"something-else"' });
    expect(otherTag.status).toBe(200);
    expect(authorsOf(otherTag)).toEqual(['Ada']);
  });

  it('keys the cache on the path, limit and cursor only: other parameters and reader headers share one entry', async () => {
    await published('edge-key');
    expect((await list('edge-key', '?limit=5&utm_source=a')).headers.get('x-cache')).toBe('Miss from local-edge');
    expect((await list('edge-key', '?utm_source=b&limit=5', { 'cache-control': 'no-cache' })).headers.get('x-cache')).toBe(
      'Hit from local-edge',
    );
    expect((await list('edge-key', '?limit=6')).headers.get('x-cache')).toBe('Miss from local-edge');
  });

  it('a newly approved comment is not in the cached page at once, and shows once the page is older than S + W', async () => {
    await published('edge-approval', { author: 'First' });
    expect(authorsOf(await list('edge-approval'))).toEqual(['First']);
    await published('edge-approval', { author: 'Second' });
    const cached = await list('edge-approval');
    expect(cached.headers.get('x-cache')).toBe('Hit from local-edge');
    expect(authorsOf(cached)).toEqual(['First']);

    await sleep((FRESH + STALE) * 1000 + 300);
    const expired = await list('edge-approval');
    expect(expired.headers.get('x-cache')).toBe('Miss from local-edge');
    expect(authorsOf(expired)).toEqual(['First', 'Second']);
  });

  it('purges every cached page of an article at once when a published comment is rejected, deleted or anonymised', async () => {
    const keep = await published('edge-purge', { author: 'Keeper' });
    const reject = await published('edge-purge', { author: 'Rejected' });
    const remove = await published('edge-purge', { author: 'Deleted' });
    await published('edge-purge', { author: 'Erased', email: 'erase.me@example.com' });
    await published('edge-other', { author: 'Elsewhere' });
    expect(authorsOf(await list('edge-purge'))).toEqual(['Keeper', 'Rejected', 'Deleted', 'Erased']);
    expect(authorsOf(await list('edge-purge', '?limit=2'))).toEqual(['Keeper', 'Rejected']);
    await list('edge-other');

    expect((await api(runtime, 'POST', `/admin/comments/${reject.id}/reject`, mod)).status).toBe(200);
    const afterReject = await list('edge-purge');
    expect(afterReject.headers.get('x-cache')).toBe('Miss from local-edge');
    expect(authorsOf(afterReject)).toEqual(['Keeper', 'Deleted', 'Erased']);
    expect(authorsOf(await list('edge-purge', '?limit=2'))).toEqual(['Keeper', 'Deleted']);
    // Another article's page stays cached.
    expect((await list('edge-other')).headers.get('x-cache')).toBe('Hit from local-edge');

    expect((await api(runtime, 'DELETE', `/admin/comments/${remove.id}`, mod)).status).toBe(204);
    expect(authorsOf(await list('edge-purge'))).toEqual(['Keeper', 'Erased']);

    const erased = await api(runtime, 'POST', '/admin/privacy/erase', { ...mod, body: { email: 'erase.me@example.com' } });
    expect(erased.body).toMatchObject({ erased: 1 });
    expect(authorsOf(await list('edge-purge'))).toEqual(['Keeper', 'Anonymous']);
    expect(keep.author).toBe('Keeper');
  });

  it('posting is never cached: every post reaches the function and is answered for itself', async () => {
    const body = validComment();
    const first = await api(runtime, 'POST', '/articles/edge-post/comments', { body });
    const again = await api(runtime, 'POST', '/articles/edge-post/comments', { body });
    expect([first.status, again.status]).toEqual([202, 409]);
    expect(again.headers.get('x-cache')).toBeNull();
  });
});

describe('comment counts', () => {
  it('counts published comments per article in one request, 0 for unknown articles, and is cached like the lists', async () => {
    await published('count-a');
    await published('count-a');
    const pending = await api(runtime, 'POST', '/articles/count-b/comments', { body: validComment() });
    expect(pending.status).toBe(202);
    const counts = await api(runtime, 'GET', '/counts?articles=count-a,count-b,never-seen');
    expect(counts.status).toBe(200);
    expect(counts.body).toEqual({ counts: { 'count-a': 2, 'count-b': 0, 'never-seen': 0 } });
    expect(counts.headers.get('x-cache')).toBe('Miss from local-edge');
    const again = await api(runtime, 'GET', '/counts?articles=count-a,count-b,never-seen');
    expect(again.headers.get('x-cache')).toBe('Hit from local-edge');
  });

  it('refuses no ids, more than 50, or one that is not an article id, with 422 on articles', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `a${i}`).join(',');
    for (const query of ['', '?articles=', `?articles=${many}`, '?articles=ok,bad%20id', '?articles=a,,b']) {
      const answer = await api(runtime, 'GET', `/counts${query}`);
      expect(answer.status, query).toBe(422);
      expect(answer.body).toMatchObject({ error: 'ValidationError', fields: { articles: expect.any(String) } });
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    const fifty = Array.from({ length: 50 }, (_, i) => `a${i}`).join(',');
    expect((await api(runtime, 'GET', `/counts?articles=${fifty}`)).status).toBe(200);
  });
});
