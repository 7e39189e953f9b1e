/**
 * Automated triage through the local runtime on DynamoDB Local, with
 * pre-moderation off: abuse is held for a person with its score (no guess removes a comment), civil
 * comments are published at once, a provider that hangs holds the comment
 * within its limit, and auto-approve never publishes what a classifier held.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { api, startFloodFreeRuntime, validComment, moderatorApi } from '../support/runtime';

const TIME_LIMIT_MS = 300;
let runtime: LocalRuntime;
// An Akismet stand-in that accepts the request and never answers.
let hanging: Server;

const admin = moderatorApi(() => runtime);
const settings = async (patch: Record<string, unknown>) => {
  const response = await admin('PUT', '/settings', patch);
  expect(response.status, response.text).toBe(200);
};
const post = (articleId: string, overrides: Record<string, unknown> = {}) =>
  api(runtime, 'POST', `/articles/${articleId}/comments`, { body: validComment(overrides) });
const stored = async (id: string) => (await admin('GET', `/comments/${id}`)).body;

beforeAll(async () => {
  hanging = createServer(() => undefined);
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    CLASSIFIERS: 'builtin,akismet',
    CLASSIFIER_TIME_LIMIT_MS: String(TIME_LIMIT_MS),
    AKISMET_API_KEY: 'test-akismet-key',
    AKISMET_ENDPOINT: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/1.1`,
    SITE_URL: 'https://news.example',
  });
  runtime = await startFloodFreeRuntime();
  await settings({ premoderation: false });
});

afterAll(async () => {
  await runtime?.stop();
  hanging?.closeAllConnections();
  await new Promise((resolve) => hanging?.close(resolve));
});

describe('triage with pre-moderation off', () => {
  it('publishes a civil comment at once (201), with both scores recorded', async () => {
    const response = await post('triage', { comment: 'I disagree with the editorial, but it is well argued.' });
    expect(response.status).toBe(201);
    const comment = await stored(response.body.id);
    expect(comment.status).toBe('approved');
    expect(comment.reasons).toEqual([
      expect.objectContaining({ rule: 'premoderation' }),
      expect.objectContaining({ rule: 'spam', provider: 'builtin', score: expect.any(Number) }),
      expect.objectContaining({ rule: 'toxicity', provider: 'builtin', score: expect.any(Number) }),
    ]);
  });

  it('holds clear abuse for a person with its score, never removing it, and the history says why', async () => {
    const response = await post('triage', { comment: 'Shut up, you stupid idiot.' });
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('pending');
    const comment = await stored(response.body.id);
    expect(comment.status).toBe('pending');
    // The learned model's "remove" score, with the words that weighed most.
    expect(comment.reasons[0]).toEqual({
      rule: 'toxicity',
      message: expect.stringMatching(/^remove [01]\.\d\d \(builtin\): .*word "(idiot|stupid)"/),
      score: expect.any(Number),
      provider: 'builtin',
    });
    expect(comment.reasons[0].score).toBeGreaterThanOrEqual(0.5);
    const history = (await admin('GET', `/comments/${response.body.id}/history`)).body.history;
    expect(history).toEqual([
      expect.objectContaining({ actor: 'system', from: null, to: 'pending', rule: 'toxicity', reason: comment.reasons[0].message }),
    ]);
  });

  it('holds abuse, and auto-approve never publishes it', async () => {
    await settings({ autoApprove: { enabled: true, minApproved: 1 } });
    const email = 'trusted.reader@example.com';
    const first = await post('triage-trusted', { email });
    expect(first.status).toBe(201); // pre-moderation is off
    const trusted = await post('triage-trusted', { email });
    expect(trusted.status).toBe(201);
    expect((await stored(trusted.body.id)).reasons[0].rule).toBe('autoApprove');

    const abusive = await post('triage-trusted', { email, comment: 'Shut up, you stupid idiot.' });
    expect(abusive.status).toBe(202);
    const comment = await stored(abusive.body.id);
    expect(comment.status).toBe('pending');
    expect(comment.reasons[0]).toMatchObject({ rule: 'toxicity', provider: 'builtin' });
    expect(comment.reasons.map((r: { rule: string }) => r.rule)).not.toContain('autoApprove');
    const published = (await api(runtime, 'GET', '/articles/triage-trusted/comments')).body.comments.map((c: { id: string }) => c.id);
    expect(published).not.toContain(abusive.body.id);
    await settings({ autoApprove: { enabled: false } });
  });

  it('holds the comment within its time limit when the provider hangs, and never fails the post', async () => {
    await settings({ triage: { spam: { provider: 'akismet' } } });
    // The stand-in never answers: without the time limit this post would never come back.
    const response = await post('triage-hang', { comment: 'A perfectly civil remark about the budget.' });
    expect(response.status).toBe(202);
    const comment = await stored(response.body.id);
    expect(comment.status).toBe('pending');
    expect(comment.reasons[0]).toEqual({ rule: 'spam', message: 'classifier unavailable' });
    await settings({ triage: { spam: { provider: 'builtin' } } });
  });

  it('refuses a provider the deployment did not enable (422)', async () => {
    const response = await admin('PUT', '/settings', { triage: { toxicity: { provider: 'comprehend' } } });
    expect(response.status).toBe(422);
    expect(response.body.fields['triage.toxicity.provider']).toMatch(/comprehend is not enabled/);
  });
});

describe('the queue by risk', () => {
  it('lists pending comments highest score first, page by page', async () => {
    await settings({ premoderation: true });
    const civil = await post('triage-risk', { comment: 'I disagree with the editorial, but it is well argued.' });
    const abusive = await post('triage-risk', { comment: 'Shut up, you stupid idiot.' });
    const threat = await post('triage-risk', { comment: 'I will find you and kill you, you scum.' });
    const ids = [civil, abusive, threat].map((r) => r.body.id as string);

    // Page by page (two at a time), the whole pending list: earlier tests left held comments in it too.
    const listed: { id: string; reasons: { score?: number }[] }[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin('GET', `/comments?status=pending&sort=risk&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      listed.push(...page.body.comments);
      cursor = page.body.nextCursor;
    } while (cursor);
    const risk = listed.map((c) => Math.max(...c.reasons.map((r) => r.score ?? 0)));
    expect(risk).toEqual([...risk].sort((a, b) => b - a));
    const at = (id: string) => listed.findIndex((c) => c.id === id);
    // What the model finds likelier to be removed comes before the civil comment.
    expect(at(ids[1]!)).toBeLessThan(at(ids[0]!));
    expect(at(ids[2]!)).toBeLessThan(at(ids[0]!));
    expect(at(ids[0]!)).toBeGreaterThanOrEqual(0);

    expect((await admin('GET', '/comments?status=pending&sort=risk&articleId=triage-risk')).status).toBe(400);
    expect((await admin('GET', '/comments?sort=loudest')).status).toBe(400);
    await settings({ premoderation: false });
  });
});
