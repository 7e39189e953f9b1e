/**
 * "Closed articles on the page": the public list says whether the article
 * still takes comments (closed by hand, or closeAfterDays after publication
 * or after its first comment), keeps listing what was published, and a post
 * is still refused with 403.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, api, startFloodFreeRuntime, validComment } from '../support/runtime';

const DAY_MS = 86_400_000;
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
});
afterAll(() => runtime?.stop());
afterEach(async () => {
  await api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: { closeAfterDays: null } });
});

const list = async (articleId: string) => {
  const response = await api(runtime, 'GET', `/articles/${articleId}/comments`);
  expect(response.status).toBe(200);
  return response.body as { comments: Array<{ comment: string }>; nextCursor: string | null; commentsOpen: boolean };
};
const setArticle = (articleId: string, body: Record<string, unknown>) =>
  api(runtime, 'PUT', `/admin/articles/${articleId}`, { token: MODERATOR_TOKEN, body });
const setCloseAfterDays = (days: number | null) =>
  api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: { closeAfterDays: days } });
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

async function publish(articleId: string, comment: string): Promise<void> {
  const posted = await api(runtime, 'POST', `/articles/${articleId}/comments`, { body: validComment({ comment }) });
  expect(posted.status).toBe(202);
  const approved = await api(runtime, 'POST', `/admin/comments/${posted.body.id}/approve`, { token: MODERATOR_TOKEN });
  expect(approved.status).toBe(200);
}

describe('GET /articles/{id}/comments answers commentsOpen', () => {
  it('is true for an article nobody has set up, and for an open one', async () => {
    expect(await list('never-configured')).toEqual({ comments: [], nextCursor: null, commentsOpen: true });
    await publish('open-article', 'Still open for comments.');
    expect((await list('open-article')).commentsOpen).toBe(true);
  });

  it('is false once a moderator closes the article; the published comments stay listed and a post is 403', async () => {
    await publish('closed-by-hand', 'Said before the article was closed.');
    await setArticle('closed-by-hand', { commentsOpen: false });

    const closed = await list('closed-by-hand');
    expect(closed.commentsOpen).toBe(false);
    expect(closed.comments.map((c) => c.comment)).toEqual(['Said before the article was closed.']);
    const refused = await api(runtime, 'POST', '/articles/closed-by-hand/comments', { body: validComment() });
    expect(refused).toMatchObject({ status: 403, body: { error: 'CommentsClosed' } });

    await setArticle('closed-by-hand', { commentsOpen: true });
    expect((await list('closed-by-hand')).commentsOpen).toBe(true);
  });

  it('is false once closeAfterDays have passed since publication, and true again when the setting allows more days', async () => {
    await setArticle('closed-by-age', { publishedAt: daysAgo(3) });
    await setCloseAfterDays(2);
    expect((await list('closed-by-age')).commentsOpen).toBe(false);
    expect((await api(runtime, 'POST', '/articles/closed-by-age/comments', { body: validComment() })).status).toBe(403);

    await setCloseAfterDays(5);
    expect((await list('closed-by-age')).commentsOpen).toBe(true);
  });

  it('counts closeAfterDays from the first comment when the article has no publication date', async () => {
    await publish('first-comment-counts', 'The first comment starts the clock.');
    await setCloseAfterDays(1);
    expect((await list('first-comment-counts')).commentsOpen).toBe(true); // the first comment was a moment ago
  });
});
