/** The moderators' routes: queue, one comment, actions, versions, delete, access. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, USER_TOKEN, api, startFloodFreeRuntime, validComment, moderatorApi } from '../support/runtime';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
});
afterAll(() => runtime?.stop());

const submit = async (articleId = 'moderation-article', overrides = {}) => {
  const response = await api(runtime, 'POST', `/articles/${articleId}/comments`, { body: validComment(overrides) });
  expect(response.status).toBe(202);
  return response.body as { id: string; createdAt: string };
};
const admin = moderatorApi(() => runtime);
const publicIds = async (articleId: string) =>
  (await api(runtime, 'GET', `/articles/${articleId}/comments?limit=100`)).body.comments.map((c: { id: string }) => c.id);

describe('the queue', () => {
  it('lists pending comments across articles oldest first, pages through them, and filters by article', async () => {
    const a = await submit('queue-a');
    const b = await submit('queue-b');
    const c = await submit('queue-a');
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin('GET', `/comments?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      all.push(...page.body.comments.map((x: { id: string }) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const ours = all.filter((id) => [a.id, b.id, c.id].includes(id));
    expect(ours).toEqual([a.id, b.id, c.id]);

    const onlyA = await admin('GET', '/comments?articleId=queue-a');
    expect(onlyA.body.comments.map((x: { id: string }) => x.id)).toEqual([a.id, c.id]);
  });

  it('lists other statuses newest first and refuses unknown statuses', async () => {
    const first = await submit('status-list');
    const second = await submit('status-list');
    await admin('POST', `/comments/${first.id}/reject`);
    await admin('POST', `/comments/${second.id}/reject`);
    const rejected = await admin('GET', '/comments?status=rejected&articleId=status-list');
    expect(rejected.body.comments.map((x: { id: string }) => x.id)).toEqual([second.id, first.id]);
    expect((await admin('GET', '/comments?status=deleted')).status).toBe(400);
  });
});

describe('actions', () => {
  it('approve publishes, reject and spam unpublish, each a new version', async () => {
    const article = 'actions-article';
    const { id } = await submit(article);
    const approved = await admin('POST', `/comments/${id}/approve`);
    expect(approved.body).toMatchObject({ status: 'approved', version: 2 });
    expect(await publicIds(article)).toContain(id);

    const rejected = await admin('POST', `/comments/${id}/reject`, { reason: 'off topic' });
    expect(rejected.body).toMatchObject({ status: 'rejected', version: 3 });
    expect(await publicIds(article)).not.toContain(id);

    const spam = await admin('POST', `/comments/${id}/spam`);
    expect(spam.body).toMatchObject({ status: 'spam', version: 4 });
    expect((await admin('GET', '/comments?status=spam')).body.comments.map((x: { id: string }) => x.id)).toContain(id);
    expect((await admin('GET', '/comments')).body.comments.map((x: { id: string }) => x.id)).not.toContain(id);

    const history = await admin('GET', `/comments/${id}/history`);
    expect(history.body.history.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      [null, 'pending'],
      ['pending', 'approved'],
      ['approved', 'rejected'],
      ['rejected', 'spam'],
    ]);
    expect(history.body.history[2]).toMatchObject({ actor: 'local-moderator', reason: 'off topic' });
  });

  it('repeating the current action is a 200 no-op', async () => {
    const { id } = await submit();
    await admin('POST', `/comments/${id}/approve`);
    const again = await admin('POST', `/comments/${id}/approve`);
    expect(again).toMatchObject({ status: 200, body: { status: 'approved', version: 2 } });
  });

  it('a stale expectedVersion is 409 and changes nothing, even for a repeat', async () => {
    const { id } = await submit();
    const current = await admin('POST', `/comments/${id}/approve`, { expectedVersion: 1 });
    expect(current.body.version).toBe(2);
    const stale = await admin('POST', `/comments/${id}/reject`, { expectedVersion: 1 });
    expect(stale).toMatchObject({ status: 409, body: { error: 'VersionConflict' } });
    const staleRepeat = await admin('POST', `/comments/${id}/approve`, { expectedVersion: 1 });
    expect(staleRepeat.status).toBe(409);
    expect((await admin('GET', `/comments/${id}`)).body).toMatchObject({ status: 'approved', version: 2 });
  });

  // The two requests may well be served one after the other; the real race (400 requests in flight at once)
  // is in tests/reliability/concurrency.test.ts.
  it('two moderators acting on the same version: one wins, the other gets 409, history records only the winner', async () => {
    const { id } = await submit();
    const [x, y] = await Promise.all([
      admin('POST', `/comments/${id}/approve`, { expectedVersion: 1 }),
      admin('POST', `/comments/${id}/spam`, { expectedVersion: 1 }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const winner = x.status === 200 ? x.body : y.body;
    const stored = (await admin('GET', `/comments/${id}`)).body;
    expect(stored).toMatchObject({ status: winner.status, version: 2 });
    const history = (await admin('GET', `/comments/${id}/history`)).body.history;
    expect(history).toHaveLength(2);
    expect(history[1].to).toBe(winner.status);
  });

  it('delete erases the comment (204), keeps its history, and honours expectedVersion', async () => {
    const article = 'delete-article';
    const { id } = await submit(article);
    await admin('POST', `/comments/${id}/approve`);
    expect((await api(runtime, 'DELETE', `/admin/comments/${id}?expectedVersion=1`, { token: MODERATOR_TOKEN })).status).toBe(409);
    const deleted = await api(runtime, 'DELETE', `/admin/comments/${id}?expectedVersion=2`, { token: MODERATOR_TOKEN });
    expect(deleted.status).toBe(204);
    expect((await admin('GET', `/comments/${id}`)).status).toBe(404);
    expect(await publicIds(article)).not.toContain(id);
    expect((await admin('GET', `/comments/${id}/history`)).body.history.at(-1)).toMatchObject({ from: 'approved', to: 'deleted' });
    expect((await api(runtime, 'DELETE', `/admin/comments/${id}`, { token: MODERATOR_TOKEN })).status).toBe(404);
  });

  it('404 for unknown or malformed ids, 400 for a bad action body', async () => {
    expect((await admin('GET', '/comments/ffffffffffffffffffff')).status).toBe(404);
    expect((await admin('POST', '/comments/ffffffffffffffffffff/approve')).status).toBe(404);
    expect((await admin('GET', '/comments/..%2F..%2Fetc')).status).toBe(404);
    const { id } = await submit();
    const bad = await admin('POST', `/comments/${id}/approve`, { expectedVersion: 'two' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
  });
});

describe('access', () => {
  it('401 without valid credentials and 403 for a signed-in non-moderator, on every admin route', async () => {
    const { id } = await submit();
    const routes: Array<[string, string]> = [
      ['GET', '/admin/comments'],
      ['GET', `/admin/comments/${id}`],
      ['POST', `/admin/comments/${id}/approve`],
      ['POST', `/admin/comments/${id}/reject`],
      ['POST', `/admin/comments/${id}/spam`],
      ['DELETE', `/admin/comments/${id}`],
      ['GET', `/admin/comments/${id}/history`],
      ['GET', '/admin/settings'],
      ['PUT', '/admin/settings'],
    ];
    for (const [method, path] of routes) {
      expect((await api(runtime, method, path)).status, `${method} ${path} anonymous`).toBe(401);
      expect((await api(runtime, method, path, { headers: { authorization: 'Basic abc' } })).status, `${method} ${path} malformed`).toBe(
        401,
      );
      expect((await api(runtime, method, path, { token: 'wrong-token' })).status, `${method} ${path} wrong`).toBe(401);
      const user = await api(runtime, method, path, { token: USER_TOKEN });
      expect(user.status, `${method} ${path} non-moderator`).toBe(403);
      expect(user.body.error).toBe('Forbidden');
    }
    expect((await admin('GET', `/comments/${id}`)).body.status).toBe('pending');
  });
});
