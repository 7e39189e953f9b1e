/** The moderation rules, settings routes and audit trail through the HTTP API, on DynamoDB Local. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { api, startFloodFreeRuntime, validComment, moderatorApi } from '../support/runtime';
import { BUILTIN_SCORES } from '../support/triage';

let runtime: LocalRuntime;
/** The site settings every test starts from (version left out, so a restore is never stale). */
let initialSettings: Record<string, unknown>;
beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
  const { version: _version, ...rest } = (await admin('GET', '/settings')).body;
  initialSettings = rest;
});
afterAll(() => runtime?.stop());
// Like a `finally` around each test: a failing test does not leave its settings to the next one.
afterEach(async () => {
  expect((await admin('PUT', '/settings', initialSettings)).status).toBe(200);
});

const admin = moderatorApi(() => runtime);
const post = (articleId: string, overrides: Record<string, unknown> = {}) =>
  api(runtime, 'POST', `/articles/${articleId}/comments`, { body: validComment(overrides) });
const settings = async (patch: Record<string, unknown>) => {
  const response = await admin('PUT', '/settings', patch);
  expect(response.status).toBe(200);
  return response.body;
};
const stored = async (id: string) => (await admin('GET', `/comments/${id}`)).body;
const links = (n: number) => Array.from({ length: n }, (_, i) => `https://site${i}.example/page`).join(' ');

describe('rules on submission', () => {
  it('answers a filled honeypot like any held comment, and stores it as spam with the reason', async () => {
    const response = await post('rules', { website_confirm: 'http://bot.example' });
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('pending');
    const comment = await stored(response.body.id);
    expect(comment.status).toBe('spam');
    expect(comment.reasons).toEqual([{ rule: 'honeypot', message: 'the hidden field was filled in' }]);
  });

  it('answers a disallowed word like any held comment, and stores it as spam', async () => {
    await settings({ disallowedWords: ['casino', '*pills*'] });
    const byText = await post('rules', { comment: 'Visit my ＣＡＳＩ\u200BＮＯ' });
    expect(byText.status).toBe(202);
    expect(byText.body).toEqual({ id: byText.body.id, articleId: 'rules', status: 'pending', createdAt: byText.body.createdAt });
    expect((await stored(byText.body.id)).reasons).toEqual([{ rule: 'disallowedWords', message: 'disallowed word "casino" in the text' }]);
    const byUrl = await post('rules', { url: 'https://cheappills.example/' });
    expect((await stored(byUrl.body.id)).status).toBe('spam');
    // Whole words only: "casinos" is not "casino".
    expect((await stored((await post('rules', { comment: 'casinos of Monaco' })).body.id)).status).toBe('pending');
    await settings({ disallowedWords: [] });
  });

  it('publishes at once (201) when pre-moderation is off, and holds 2 links but not 1', async () => {
    // The spam score is off here: a new site's model finds a bare link spammy enough to hold, and this is about the rule.
    await settings({ premoderation: false, maxLinks: 2, triage: { spam: { provider: null } } });
    try {
      const one = await post('links', { comment: `See ${links(1)}` });
      expect(one.status).toBe(201);
      expect(one.body.status).toBe('approved');
      const two = await post('links', { comment: `See ${links(2)}` });
      expect(two.status).toBe(202);
      expect((await stored(two.body.id)).reasons).toEqual([{ rule: 'maxLinks', message: '2 links, limit 2' }, BUILTIN_SCORES[1]]);
      const published = (await api(runtime, 'GET', '/articles/links/comments')).body.comments.map((c: { id: string }) => c.id);
      expect(published).toEqual([one.body.id]);
    } finally {
      await settings({ premoderation: true, triage: { spam: { provider: 'builtin' } } });
    }
  });

  it('holds moderation words', async () => {
    await settings({ premoderation: false, moderationWords: ['refund'] });
    const response = await post('words', { author: 'Refund Desk' });
    expect(response.status).toBe(202);
    expect((await stored(response.body.id)).reasons).toEqual([
      { rule: 'moderationWords', message: 'moderation word "refund" in the name' },
      ...BUILTIN_SCORES,
    ]);
    await settings({ premoderation: true, moderationWords: [] });
  });

  it('follows the article override of pre-moderation', async () => {
    expect((await admin('PUT', '/articles/open-article', { premoderation: false })).status).toBe(200);
    expect((await post('open-article')).status).toBe(201);
    await settings({ premoderation: false });
    expect((await admin('PUT', '/articles/held-article', { premoderation: true })).status).toBe(200);
    expect((await post('held-article')).status).toBe(202);
    await settings({ premoderation: true });
  });

  it('refuses comments on a closed article with 403, before field errors', async () => {
    await admin('PUT', '/articles/closed-article', { commentsOpen: false });
    const response = await api(runtime, 'POST', '/articles/closed-article/comments', { body: { comment: '' } });
    expect(response.status).toBe(403);
    expect(response.body.error).toBe('CommentsClosed');
  });
});

describe('auto-approve', () => {
  it('publishes a known good email and follows its record through approve, reject and delete', async () => {
    await settings({ autoApprove: { enabled: true, minApproved: 1 } });
    const email = 'regular@example.com';
    const first = await post('auto', { email });
    expect(first.status).toBe(202);
    await admin('POST', `/comments/${first.body.id}/approve`);

    const second = await post('auto', { email: 'REGULAR@example.com' });
    expect(second.status).toBe(201);
    expect((await stored(second.body.id)).reasons[0].rule).toBe('autoApprove');

    await admin('POST', `/comments/${second.body.id}/reject`);
    expect((await post('auto', { email })).status).toBe(202);

    // Once the rejected comment is gone, the record is clean again.
    expect((await admin('DELETE', `/comments/${second.body.id}`)).status).toBe(204);
    const fourth = await post('auto', { email });
    expect(fourth.status).toBe(201);
    await settings({ autoApprove: { enabled: false } });
  });
});

describe('settings routes', () => {
  it('answer the contract shape with the documented extensions', async () => {
    const response = await admin('GET', '/settings');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(
      [
        'autoApprove',
        'closeAfterDays',
        'disallowedWords',
        'eraseMode',
        'floodSeconds',
        'maxLinks',
        'moderationWords',
        'premoderation',
        'reports',
        'retention',
        'triage',
        'version',
      ].sort(),
    );
    expect(response.body.retention).toEqual({ spamDays: 30, rejectedDays: 90 });
  });

  it('validate every field at once, refuse unknown keys, and change nothing then', async () => {
    const before = (await admin('GET', '/settings')).body;
    const response = await admin('PUT', '/settings', {
      maxLinks: -1,
      floodSeconds: 86_401,
      closeAfterDays: 0,
      colour: 'red',
      autoApprove: { enabled: true, extra: 1 },
      disallowedWords: ['**'],
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toBe('ValidationError');
    expect(Object.keys(response.body.fields).sort()).toEqual([
      'autoApprove.extra',
      'closeAfterDays',
      'colour',
      'disallowedWords',
      'floodSeconds',
      'maxLinks',
    ]);
    expect((await admin('GET', '/settings')).body).toEqual(before);
  });

  it('accept the bounds and a GET body sent back, and refuse a stale version with 409', async () => {
    const current = (await admin('GET', '/settings')).body;
    const bounds = await admin('PUT', '/settings', { ...current, maxLinks: 1000, floodSeconds: 86_400, closeAfterDays: 36_500 });
    expect(bounds.status).toBe(200);
    expect(bounds.body.version).toBe(current.version + 1);
    const stale = await admin('PUT', '/settings', { version: current.version, maxLinks: 2 });
    expect(stale.status).toBe(409);
    expect(
      (await admin('PUT', '/settings', { version: bounds.body.version, maxLinks: 2, floodSeconds: 0, closeAfterDays: null })).status,
    ).toBe(200);
  });

  it('validate article settings, and take the GET body back', async () => {
    expect((await admin('PUT', '/articles/settings-article', { commentsOpen: 'no' })).status).toBe(422);
    expect((await admin('PUT', '/articles/settings-article', { publishedAt: 'yesterday' })).body.fields).toHaveProperty('publishedAt');
    const view = (await admin('GET', '/articles/settings-article')).body;
    expect(view).toEqual({ articleId: 'settings-article', commentsOpen: true, publishedAt: null, premoderation: null });
    expect((await admin('PUT', '/articles/settings-article', { ...view, commentsOpen: false })).body.commentsOpen).toBe(false);
    expect((await admin('PUT', '/articles/settings-article', { articleId: 'another' })).status).toBe(422);
  });
});

describe('audit trail', () => {
  it('records the rule that decided and every moderator action, oldest first', async () => {
    // Three bare links are a link farm to the spam classifier (which runs first); off here, this is about maxLinks.
    await settings({ maxLinks: 2, triage: { spam: { provider: null } } });
    const { body } = await post('audit', { comment: `Many links: ${links(3)}` });
    await settings({ triage: { spam: { provider: 'builtin' } } });
    await admin('POST', `/comments/${body.id}/approve`);
    await admin('POST', `/comments/${body.id}/reject`, { reason: 'off topic' });
    const history = await admin('GET', `/comments/${body.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.history).toEqual([
      { at: body.createdAt, actor: 'system', from: null, to: 'pending', reason: '3 links, limit 2', rule: 'maxLinks' },
      { at: expect.any(String), actor: 'local-moderator', from: 'pending', to: 'approved', reason: null, rule: null },
      { at: expect.any(String), actor: 'local-moderator', from: 'approved', to: 'rejected', reason: 'off topic', rule: null },
    ]);
  });

  it('keeps the history of a deleted comment, ending with the deletion', async () => {
    const { body } = await post('audit');
    await admin('DELETE', `/comments/${body.id}`);
    const history = (await admin('GET', `/comments/${body.id}/history`)).body.history;
    expect(history.map((h: { to: string }) => h.to)).toEqual(['pending', 'deleted']);
    expect(history[1]).toMatchObject({ actor: 'local-moderator', from: 'pending' });
  });

  it('offers no way to change or remove history', async () => {
    const { body } = await post('audit');
    for (const method of ['PUT', 'POST', 'DELETE', 'PATCH']) {
      expect((await admin(method, `/comments/${body.id}/history`)).status).toBe(404);
    }
  });
});

describe('retention', () => {
  it('gives spam and rejected comments, and their private data, a purge time and removes it when they leave', async () => {
    const db = createDocumentClient(runtime.dynamodb.endpoint);
    const expiry = async (id: string) => {
      const comment = await db.send(new GetCommand({ TableName: runtime.tables.Comments!, Key: { PK: `C#${id}`, SK: 'C' } }));
      const contact = await db.send(new GetCommand({ TableName: runtime.tables.Private!, Key: { PK: `C#${id}`, SK: 'CONTACT' } }));
      // Both items must exist: a missing contact would otherwise pass as "undefined equals undefined".
      expect(comment.Item, 'the comment item').toBeDefined();
      expect(contact.Item, 'the contact item').toBeDefined();
      expect(contact.Item?.expiresAt).toEqual(comment.Item?.expiresAt);
      return comment.Item?.expiresAt as number | undefined;
    };
    const day = 86_400;
    const { body } = await post('retention');
    expect(await expiry(body.id)).toBeUndefined();

    const rejectedAt = Date.now() / 1000;
    await admin('POST', `/comments/${body.id}/reject`);
    const rejectedExpiry = await expiry(body.id);
    expect(rejectedExpiry).toBeGreaterThanOrEqual(Math.floor(rejectedAt) + 90 * day);
    expect(rejectedExpiry).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 90 * day);

    await settings({ retention: { spamDays: 7 } });
    const spamAt = Date.now() / 1000;
    await admin('POST', `/comments/${body.id}/spam`);
    const spamExpiry = await expiry(body.id);
    expect(spamExpiry).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 7 * day);
    expect(spamExpiry).toBeGreaterThanOrEqual(Math.floor(spamAt) + 7 * day);

    await admin('POST', `/comments/${body.id}/approve`);
    expect(await expiry(body.id)).toBeUndefined();

    await settings({ retention: { rejectedDays: null } });
    await admin('POST', `/comments/${body.id}/reject`);
    expect(await expiry(body.id)).toBeUndefined();
    db.destroy();
  });
});
