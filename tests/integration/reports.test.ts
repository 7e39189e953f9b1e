/** Readers' reports on DynamoDB Local: one per address, the threshold moves the comment once, the Reported list, approval clears. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { fromAddress } from '../support/from-address';
import { api, startFloodFreeRuntime, validComment, moderatorApi } from '../support/runtime';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
});
afterAll(() => runtime?.stop());

const admin = moderatorApi(() => runtime);

/** A published comment on the article. */
async function published(articleId: string): Promise<string> {
  const posted = await api(runtime, 'POST', `/articles/${articleId}/comments`, { body: validComment() });
  expect(posted.status).toBe(202);
  expect((await admin('POST', `/comments/${posted.body.id}/approve`)).status).toBe(200);
  return posted.body.id;
}

const report = (address: string, articleId: string, id: string, body: unknown, contentType?: string) =>
  fromAddress(address, `${runtime.apiUrl}/articles/${articleId}/comments/${id}/reports`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    contentType,
  });
/** The article's published count as the counts route answers it (the counter kept with the status changes). */
const publishedCount = async (articleId: string) => (await api(runtime, 'GET', `/counts?articles=${articleId}`)).body.counts[articleId];
const publicIds = async (articleId: string) =>
  (await api(runtime, 'GET', `/articles/${articleId}/comments`)).body.comments.map((c: { id: string }) => c.id);

describe('readers report a published comment', () => {
  it('three readers at three addresses send it back to the queue with the reasons, a history entry by system and the Reported list', async () => {
    const article = 'reports-three';
    const id = await published(article);
    expect(await report('127.0.0.2', article, id, { reason: 'abuse', note: 'Insults another reader.' })).toMatchObject({
      status: 202,
      body: { reported: true },
    });
    // A form post counts the same way.
    expect((await report('127.0.0.3', article, id, 'reason=spam', 'application/x-www-form-urlencoded')).status).toBe(202);
    expect(await publicIds(article)).toContain(id);

    const stillPublished = await admin('GET', `/comments/${id}`);
    expect(stillPublished.body).toMatchObject({
      status: 'approved',
      reports: { count: 2, reasons: { abuse: 1, spam: 1 }, notes: ['Insults another reader.'] },
    });

    expect((await report('127.0.0.4', article, id, { reason: 'abuse' })).status).toBe(202);
    const moved = await admin('GET', `/comments/${id}`);
    expect(moved.body.status).toBe('pending');
    expect(moved.body.reasons[0]).toEqual({ rule: 'reports', message: '3 readers reported it: abuse 2, spam 1' });
    expect(moved.body.reports).toMatchObject({ count: 3, reasons: { abuse: 2, spam: 1 } });
    expect(await publicIds(article)).not.toContain(id);
    expect(await publishedCount(article)).toBe(0);

    const history = (await admin('GET', `/comments/${id}/history`)).body.history;
    expect(history.at(-1)).toMatchObject({ actor: 'system', from: 'approved', to: 'pending', rule: 'reports' });

    const reported = await admin('GET', '/comments?status=reported');
    expect(reported.status).toBe(200);
    expect(reported.body.comments.map((c: { id: string }) => c.id)).toContain(id);

    // A report on a comment no longer published is 404.
    expect((await report('127.0.0.5', article, id, { reason: 'spam' })).status).toBe(404);

    // Approving publishes it again and clears its reports.
    const approved = await admin('POST', `/comments/${id}/approve`);
    expect(approved.body).toMatchObject({ status: 'approved', reports: { count: 0, reasons: {}, notes: [] } });
    expect((await admin('GET', '/comments?status=reported')).body.comments.map((c: { id: string }) => c.id)).not.toContain(id);
    expect(await publicIds(article)).toContain(id);
    expect(await publishedCount(article)).toBe(1);
  });

  it('counts the same address once: a repeat is a 202 that counts nothing', async () => {
    const article = 'reports-repeat';
    const id = await published(article);
    for (let i = 0; i < 4; i++) expect((await report('127.0.0.6', article, id, { reason: 'spam' })).status).toBe(202);
    const comment = (await admin('GET', `/comments/${id}`)).body;
    expect(comment).toMatchObject({ status: 'approved', reports: { count: 1, reasons: { spam: 1 } } });
  });

  it('twenty concurrent reports from twenty addresses move it exactly once, with one history entry', async () => {
    const article = 'reports-concurrent';
    const id = await published(article);
    const addresses = Array.from({ length: 20 }, (_, i) => `127.0.1.${i + 2}`);
    const answers = await Promise.all(addresses.map((address) => report(address, article, id, { reason: 'abuse' })));
    // Those that arrive after it left the public page find it unpublished (404); none fails otherwise.
    for (const answer of answers) expect([202, 404]).toContain(answer.status);
    expect(answers.filter((a) => a.status === 202).length).toBeGreaterThanOrEqual(3);

    const comment = (await admin('GET', `/comments/${id}`)).body;
    expect(comment.status).toBe('pending');
    expect(comment.reports.count).toBe(3);
    expect(comment.version).toBe(3);
    const moves = (await admin('GET', `/comments/${id}/history`)).body.history.filter((h: { rule: string }) => h.rule === 'reports');
    expect(moves).toHaveLength(1);
  });

  it('refuses a bad reason or a long note (422), an unknown or unpublished comment (404), and answers 403 when reports are off', async () => {
    const article = 'reports-refused';
    const id = await published(article);
    const bad = await report('127.0.0.7', article, id, { reason: 'boring', note: 'x'.repeat(501) });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['note', 'reason']);
    // A wrong JSON type is refused as the deployed gateway's request model refuses it: 400.
    const wrongType = await report('127.0.0.7', article, id, { reason: 'spam', note: 42 });
    expect(wrongType).toMatchObject({ status: 400, body: { message: 'Field "note" must be a string.' } });
    expect((await report('127.0.0.7', 'another-article', id, { reason: 'spam' })).status).toBe(404);
    expect((await report('127.0.0.7', article, 'abcdef0123456789abcd', { reason: 'spam' })).status).toBe(404);

    const pending = await api(runtime, 'POST', `/articles/${article}/comments`, { body: validComment() });
    expect((await report('127.0.0.7', article, pending.body.id, { reason: 'spam' })).status).toBe(404);

    expect((await admin('PUT', '/settings', { reports: { threshold: null } })).status).toBe(200);
    const off = await report('127.0.0.7', article, id, { reason: 'spam' });
    expect(off).toMatchObject({ status: 403, body: { error: 'ReportsOff' } });
    expect((await admin('PUT', '/settings', { reports: { threshold: 3 } })).body.reports).toEqual({ threshold: 3 });
    expect((await admin('GET', `/comments/${id}`)).body.reports.count).toBe(0);
  });

  it('applies the flood window per address', async () => {
    const article = 'reports-flood';
    const [first, second] = [await published(article), await published(article)];
    await admin('PUT', '/settings', { floodSeconds: 30 });
    try {
      expect((await report('127.0.0.8', article, first, { reason: 'spam' })).status).toBe(202);
      const flooded = await report('127.0.0.8', article, second, { reason: 'spam' });
      expect(flooded.status).toBe(429);
      expect(Number(flooded.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await report('127.0.0.9', article, second, { reason: 'spam' })).status).toBe(202);
    } finally {
      await admin('PUT', '/settings', { floodSeconds: 0 });
    }
  });
});
