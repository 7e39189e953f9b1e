/** Bans on DynamoDB Local: by address and by email, answered like any post and stored as spam; expiry; lifting; erase lifts them; no clear address stored. */
import { allItems } from '../support/table-dump';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { dynamoDbStores } from '../../lambda/adapters/dynamodb/stores';
import { CommentService } from '../../lambda/domain/comment-service';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { fromAddress } from '../support/from-address';
import { startFloodFreeRuntime, validComment, moderatorApi } from '../support/runtime';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
});
afterAll(() => runtime?.stop());

const admin = moderatorApi(() => runtime);

/** Posts from an address; answers the stored comment as a moderator sees it. */
async function postFrom(address: string, articleId: string, overrides: Record<string, unknown> = {}) {
  const posted = await fromAddress(address, `${runtime.apiUrl}/articles/${articleId}/comments`, {
    method: 'POST',
    body: JSON.stringify(validComment(overrides)),
  });
  expect(posted.status).toBe(202);
  expect(posted.body).toMatchObject({ status: 'pending' });
  return (await admin('GET', `/comments/${posted.body.id}`)).body;
}

/** Every stored item as lower-case text. */
const everything = async () => (await allItems(runtime, runtime.tables)).join('\n').toLowerCase();

describe('bans', () => {
  it('a ban by address refuses, as spam answered like a normal 202, a later post from that address, and no clear address is stored', async () => {
    const first = await postFrom('127.0.0.20', 'bans-address');
    const created = await admin('POST', `/comments/${first.id}/ban`, { scope: 'address', days: 30, reason: 'abuse from this address' });
    expect(created.status).toBe(201);
    expect(created.body.ban).toMatchObject({
      scope: 'address',
      email: null,
      commentId: first.id,
      reason: 'abuse from this address',
      actor: expect.any(String),
    });
    expect(Date.parse(created.body.ban.expiresAt) - Date.parse(created.body.ban.createdAt)).toBe(30 * 86_400_000);

    // Another email from the same address: a normal 202, stored as spam with the reason 'ban'.
    const later = await postFrom('127.0.0.20', 'bans-address');
    expect(later.status).toBe('spam');
    expect(later.reasons[0]).toMatchObject({ rule: 'ban' });
    // Another address is not touched.
    expect((await postFrom('127.0.0.21', 'bans-address')).status).toBe('pending');

    const listed = await admin('GET', '/bans');
    expect(listed.body.bans.map((b: { id: string }) => b.id)).toContain(created.body.ban.id);

    const stored = await everything();
    expect(stored).not.toContain('127.0.0.20');
    expect(stored).not.toContain('127.0.0.21');

    expect((await admin('DELETE', `/bans/${created.body.ban.id}`)).status).toBe(204);
    expect((await postFrom('127.0.0.20', 'bans-address')).status).toBe('pending');
    expect((await admin('DELETE', `/bans/${created.body.ban.id}`)).status).toBe(404);
  });

  it('a ban by email holds from any address; a ban that has ended bars nothing', async () => {
    const email = 'banned.reader@example.com';
    const first = await postFrom('127.0.0.22', 'bans-email', { email });
    const created = await admin('POST', `/comments/${first.id}/ban`, { scope: 'email', days: 1 });
    expect(created.body.ban).toMatchObject({ scope: 'email', email, reason: '' });
    expect((await postFrom('127.0.0.23', 'bans-email', { email: 'Banned.Reader@example.com' })).status).toBe('spam');

    // Two days later (a service on the same tables with its clock moved on): the ban has ended.
    const db = createDocumentClient(runtime.dynamodb.endpoint);
    try {
      const later = new CommentService({
        store: dynamoDbStores(db, { comments: runtime.tables.Comments!, private: runtime.tables.Private! }),
        hasher: new KeyedHasher(process.env.HASH_KEY!),
        now: () => new Date(Date.now() + 2 * 86_400_000),
      });
      expect((await later.bans.list()).map((b) => b.id)).not.toContain(created.body.ban.id);
      const result = await later.submit({ articleId: 'bans-email', input: validComment({ email }), clientIp: '127.0.0.24' });
      expect((await later.getForModeration(result.body.id)).status).toBe('pending');
    } finally {
      db.destroy();
    }
  });

  it('refuses a bad scope, days or reason (422) and an unknown comment (404)', async () => {
    const comment = await postFrom('127.0.0.25', 'bans-refused');
    const bad = await admin('POST', `/comments/${comment.id}/ban`, { scope: 'everyone', days: 0, reason: 7 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['days', 'reason', 'scope']);
    expect((await admin('POST', '/comments/abcdef0123456789abcd/ban', { scope: 'email' })).status).toBe(404);
    expect((await admin('DELETE', '/bans/nosuchban0')).status).toBe(404);
  });

  it('a privacy erase of the email lifts and removes its bans', async () => {
    const email = 'erase.my.ban@example.com';
    const first = await postFrom('127.0.0.26', 'bans-erase', { email });
    const created = await admin('POST', `/comments/${first.id}/ban`, { scope: 'both', days: null });
    expect(created.body.ban).toMatchObject({ scope: 'both', email, expiresAt: null });
    expect((await postFrom('127.0.0.26', 'bans-erase', { email })).status).toBe('spam');

    expect((await admin('POST', '/privacy/erase', { email })).status).toBe(200);
    expect((await admin('GET', '/bans')).body.bans.map((b: { id: string }) => b.id)).not.toContain(created.body.ban.id);
    const hash = new KeyedHasher(process.env.HASH_KEY!).hash('email', email).toLowerCase();
    const stored = await everything();
    expect(stored).not.toContain(email);
    expect(stored).not.toContain(hash);
    expect((await postFrom('127.0.0.26', 'bans-erase', { email })).status).toBe('pending');
  });
});
