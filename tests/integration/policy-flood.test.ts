/**
 * Flood control, duplicates and closing, at their boundaries: through the
 * CommentService on DynamoDB Local with an injected clock (14 s vs 15 s),
 * and through the HTTP API for the race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { type DynamoDbStores, dynamoDbStores } from '../../lambda/adapters/dynamodb/stores';
import { CommentService } from '../../lambda/domain/comment-service';
import { DomainError } from '../../lambda/domain/errors';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { DEFAULT_SETTINGS } from '../../lambda/domain/settings';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, api, startTestRuntime, validComment } from '../support/runtime';

let runtime: LocalRuntime;
let store: DynamoDbStores;
let clock = new Date('2030-01-01T00:00:00.000Z');
let service: CommentService;

beforeAll(async () => {
  runtime = await startTestRuntime();
  store = dynamoDbStores(createDocumentClient(runtime.dynamodb.endpoint), {
    comments: runtime.tables.Comments!,
    private: runtime.tables.Private!,
  });
  service = new CommentService({ store, hasher: new KeyedHasher(process.env.HASH_KEY!), now: () => clock });
});
afterAll(() => runtime?.stop());

const at = (ms: number) => new Date(Date.parse('2030-01-01T00:00:00.000Z') + ms);
const S = 1000;
let ip = 0;
const freshIp = () => `198.51.100.${++ip}`;

/** Submits at a given time; answers the status code the API would send. */
async function submitAt(time: Date, input: Record<string, unknown>, clientIp: string | null = freshIp(), articleId = 'flood-article') {
  clock = time;
  try {
    const result = await service.submit({ articleId, input, clientIp });
    return { status: result.created ? 201 : 202, retryAfter: undefined };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { status: error.code, retryAfter: error.details.retryAfterSeconds };
  }
}

describe('flood control (floodSeconds 15)', () => {
  it('refuses the same email 14 s later with Retry-After 1, and accepts it at 15 s', async () => {
    const email = 'fast.typist@example.com';
    expect((await submitAt(at(0), validComment({ email }))).status).toBe(202);
    expect(await submitAt(at(14 * S), validComment({ email }))).toEqual({ status: 'TooManyRequests', retryAfter: 1 });
    expect((await submitAt(at(15 * S), validComment({ email }))).status).toBe(202);
  });

  it('refuses the same address within the window, whatever the email, with the whole seconds left', async () => {
    const clientIp = freshIp();
    const base = 100_000 * S;
    expect((await submitAt(at(base), validComment(), clientIp)).status).toBe(202);
    expect(await submitAt(at(base + 2.5 * S), validComment(), clientIp)).toEqual({ status: 'TooManyRequests', retryAfter: 13 });
    expect((await submitAt(at(base + 15 * S), validComment(), clientIp)).status).toBe(202);
  });

  it('does not count refused posts', async () => {
    const email = 'persistent@example.com';
    const base = 200_000 * S;
    expect((await submitAt(at(base), validComment({ email }))).status).toBe(202);
    expect((await submitAt(at(base + 10 * S), validComment({ email }))).status).toBe('TooManyRequests');
    // Had the refused post counted, the window would run until base + 25 s.
    expect((await submitAt(at(base + 15 * S), validComment({ email }))).status).toBe(202);
  });

  it('lets exactly one of 10 simultaneous posts by one email through', async () => {
    clock = at(300_000 * S);
    const email = 'racer@example.com';
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => service.submit({ articleId: 'flood-race', input: validComment({ email }), clientIp: freshIp() })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as DomainError).code).toBe('TooManyRequests');
    const queue = await store.listByStatus({ status: 'pending', articleId: 'flood-race', limit: 100, newestFirst: false });
    expect(queue.items).toHaveLength(1);
  });

  it('is off with floodSeconds 0, and uses the window set now, not when the lock was taken', async () => {
    const email = 'settings@example.com';
    const base = 400_000 * S;
    await store.putSettings({ ...(await store.getSettings()), floodSeconds: 0 }, (await store.getSettings()).version);
    expect((await submitAt(at(base), validComment({ email }))).status).toBe(202);
    expect((await submitAt(at(base + 1), validComment({ email }))).status).toBe(202);
    await store.putSettings({ ...(await store.getSettings()), floodSeconds: 60 }, (await store.getSettings()).version);
    expect((await submitAt(at(base + 2), validComment({ email }))).status).toBe(202);
    expect((await submitAt(at(base + 59 * S), validComment({ email }))).status).toBe('TooManyRequests');
    await store.putSettings({ ...(await store.getSettings()), floodSeconds: 15 }, (await store.getSettings()).version);
    expect((await submitAt(at(base + 20 * S), validComment({ email }))).status).toBe(202);
  });
});

describe('duplicates and closed articles', () => {
  it('answers a duplicate with 409 before a flood with 429, and the duplicate takes no lock', async () => {
    const base = 500_000 * S;
    const first = validComment();
    expect((await submitAt(at(base), first)).status).toBe(202);
    expect((await submitAt(at(base + 1 * S), first)).status).toBe('Duplicate');
    // The same text under another name and address is not a duplicate.
    expect((await submitAt(at(base + 20 * S), { ...validComment(), comment: first.comment })).status).toBe(202);
    // Same name, new address: still a duplicate (WordPress matches name or email).
    expect((await submitAt(at(base + 40 * S), { ...validComment(), comment: first.comment, author: first.author })).status).toBe(
      'Duplicate',
    );
  });

  it('closes closeAfterDays after the first comment when the article has no publish date', async () => {
    const day = 86_400 * S;
    const base = 600_000 * S;
    await store.putSettings({ ...(await store.getSettings()), closeAfterDays: 2 }, (await store.getSettings()).version);
    expect((await submitAt(at(base), validComment(), freshIp(), 'closing-article')).status).toBe(202);
    expect((await submitAt(at(base + 2 * day - 1), validComment(), freshIp(), 'closing-article')).status).toBe(202);
    expect((await submitAt(at(base + 2 * day), validComment(), freshIp(), 'closing-article')).status).toBe('CommentsClosed');
    // Closed comes before field errors.
    expect((await submitAt(at(base + 2 * day), { comment: '' }, freshIp(), 'closing-article')).status).toBe('CommentsClosed');
    await store.putSettings({ ...(await store.getSettings()), closeAfterDays: null }, (await store.getSettings()).version);
  });

  it('counts closeAfterDays from publishedAt when set', async () => {
    const day = 86_400 * S;
    const base = 700_000 * S;
    await store.putSettings({ ...(await store.getSettings()), closeAfterDays: 1 }, (await store.getSettings()).version);
    await store.putArticle({
      articleId: 'published-article',
      commentsOpen: true,
      publishedAt: at(base).toISOString(),
      premoderation: null,
      firstCommentAt: null,
    });
    expect((await submitAt(at(base + day - 1), validComment(), freshIp(), 'published-article')).status).toBe(202);
    expect((await submitAt(at(base + day), validComment(), freshIp(), 'published-article')).status).toBe('CommentsClosed');
    await store.putSettings({ ...(await store.getSettings()), closeAfterDays: null }, (await store.getSettings()).version);
  });
});

describe('through the HTTP API', () => {
  it('10 parallel posts with the same email: exactly one 2xx, the rest 429 with Retry-After', async () => {
    expect((await api(runtime, 'GET', '/admin/settings', { token: MODERATOR_TOKEN })).body.floodSeconds).toBe(
      DEFAULT_SETTINGS.floodSeconds,
    );
    const email = 'http.racer@example.com';
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api(runtime, 'POST', '/articles/http-race/comments', { body: validComment({ email }) })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 429, 429, 429, 429, 429, 429, 429, 429, 429]);
    for (const r of responses.filter((x) => x.status === 429)) {
      expect(r.body.error).toBe('TooManyRequests');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // The winner may have been stamped a moment after this request, so up to one second more.
      expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(16);
    }
  });
});
