/** Privacy requests: export everything of one email, erase it so no trace is left in either table. */
import { allItems } from '../support/table-dump';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { USER_TOKEN, api, startFloodFreeRuntime, moderatorApi, acceptedPoster } from '../support/runtime';
import { BUILTIN_SCORES } from '../support/triage';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
});
afterAll(() => runtime?.stop());

const admin = moderatorApi(() => runtime);
const post = acceptedPoster(() => runtime);
const exportOf = (email: string) => admin('GET', `/privacy/export?email=${encodeURIComponent(email)}`);

/** Every stored item as lower-case text. */
const everything = async () => (await allItems(runtime, runtime.tables)).map((item) => item.toLowerCase());

/** The email, its keyed hash, and the keys derived from the hash, as they would appear in any item. */
function tracesOf(email: string): string[] {
  const hash = new KeyedHasher(process.env.HASH_KEY!).hash('email', email.toLowerCase());
  return [email.toLowerCase(), hash.toLowerCase()];
}

describe('privacy export', () => {
  it('returns every stored comment of the address with every field and its history', async () => {
    const email = 'Export.Me@Example.com';
    const first = await post('privacy-a', { email, url: 'https://me.example/' });
    const second = await post('privacy-b', { email: 'export.me@example.com' });
    await post('privacy-a', {}); // someone else
    await admin('POST', `/comments/${first}/approve`);

    const response = await exportOf(' export.me@EXAMPLE.com ');
    expect(response.status).toBe(200);
    expect(response.body.email).toBe('export.me@EXAMPLE.com');
    expect(response.body.counts).toEqual({ approved: 1, rejected: 0, spam: 0 });
    const byId = new Map(response.body.comments.map((c: { id: string }) => [c.id, c]));
    expect([...byId.keys()].sort()).toEqual([first, second].sort());
    expect(byId.get(first)).toEqual({
      id: first,
      articleId: 'privacy-a',
      parentId: null,
      author: expect.any(String),
      email,
      url: 'https://me.example/',
      comment: expect.any(String),
      status: 'approved',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 2,
      reasons: [{ rule: 'premoderation', message: 'every comment is held for review' }, ...BUILTIN_SCORES],
      authorRecord: { approved: 1, rejected: 0, spam: 0 },
      reports: { count: 0, reasons: {}, notes: [] },
      // The triage's record: scores and counts, nothing personal.
      triage: {
        scores: { remove: expect.any(Number), spam: expect.any(Number) },
        auto: null,
        audit: false,
        record: { approved: 0, rejected: 0, spam: 0 },
      },
      history: [
        expect.objectContaining({ actor: 'system', from: null, to: 'pending' }),
        expect.objectContaining({ actor: 'local-moderator', from: 'pending', to: 'approved' }),
      ],
    });
    expect(response.body.contactsWithoutComment).toEqual([]);
  });

  it('finds nothing for an unknown address, and refuses a missing or malformed one', async () => {
    const response = await exportOf('nobody@example.com');
    expect(response.body).toEqual({
      email: 'nobody@example.com',
      comments: [],
      contactsWithoutComment: [],
      counts: { approved: 0, rejected: 0, spam: 0 },
      subscription: null,
    });
    expect((await admin('GET', '/privacy/export')).status).toBe(422);
    const bad = await exportOf('not-an-address');
    expect(bad.status).toBe(422);
    expect(bad.body.fields).toHaveProperty('email');
  });

  it('is for moderators only', async () => {
    expect((await api(runtime, 'GET', '/admin/privacy/export?email=a@example.com')).status).toBe(401);
    expect((await api(runtime, 'GET', '/admin/privacy/export?email=a@example.com', { token: USER_TOKEN })).status).toBe(403);
    expect((await api(runtime, 'POST', '/admin/privacy/erase', { token: USER_TOKEN, body: { email: 'a@example.com' } })).status).toBe(403);
  });
});

describe('privacy erasure', () => {
  it('anonymises by default, keeps the text and leaves no trace of the email or its hash', async () => {
    const email = 'erase.me@example.com';
    const other = 'stays@example.com';
    const approved = await post('erase-a', { email, author: 'Erin Example', url: 'https://erin.example/' });
    const rejected = await post('erase-a', { email });
    const othersComment = await post('erase-a', { email: other });
    await admin('POST', `/comments/${approved}/approve`);
    await admin('POST', `/comments/${rejected}/reject`);
    // A last comment inside the flood window leaves a flood lock keyed by the email.
    await admin('PUT', '/settings', { floodSeconds: 15 });
    const pending = await post('erase-a', { email, parentId: approved });
    await admin('PUT', '/settings', { floodSeconds: 0 });
    const text = (await admin('GET', `/comments/${approved}`)).body.comment;
    expect((await everything()).some((item) => tracesOf(email).some((t) => item.includes(t)))).toBe(true);

    const receipt = await admin('POST', '/privacy/erase', { email: 'Erase.Me@example.com' });
    expect(receipt.status).toBe(200);
    expect(receipt.body).toEqual({ email: 'Erase.Me@example.com', erased: 3 });

    const leftovers = (await everything()).filter((item) => tracesOf(email).some((t) => item.includes(t)));
    expect(leftovers).toEqual([]);
    const guardsOfErased = (await everything()).filter((item) =>
      [approved, rejected, pending].some((id) => item.includes(`"commentid":"${id}"`) && item.includes('"type":"duplicate"')),
    );
    expect(guardsOfErased).toEqual([]);

    const anonymised = (await admin('GET', `/comments/${approved}`)).body;
    expect(anonymised).toMatchObject({ author: 'Anonymous', email: null, url: null, comment: text, status: 'approved' });
    expect((await admin('GET', `/comments/${pending}`)).body).toMatchObject({ author: 'Anonymous', parentId: approved, status: 'pending' });
    const published = (await api(runtime, 'GET', '/articles/erase-a/comments')).body.comments;
    expect(published.find((c: { id: string }) => c.id === approved)).toMatchObject({ author: 'Anonymous', url: null, comment: text });

    const history = (await admin('GET', `/comments/${rejected}/history`)).body.history;
    expect(history.at(-1)).toMatchObject({ actor: 'local-moderator', from: 'rejected', to: 'anonymised', rule: 'privacyErase' });

    // Someone else's comment is untouched.
    expect((await admin('GET', `/comments/${othersComment}`)).body.email).toBe(other);
  });

  it('is idempotent: a repeat erases nothing more, and the address has nothing left to export', async () => {
    const email = 'twice@example.com';
    await post('erase-c', { email });
    expect((await admin('POST', '/privacy/erase', { email })).body).toEqual({ email, erased: 1 });
    expect((await admin('POST', '/privacy/erase', { email })).body).toEqual({ email, erased: 0 });
    expect((await exportOf(email)).body.comments).toEqual([]);
  });

  it('deletes the comments when eraseMode is "delete", keeping their history', async () => {
    await admin('PUT', '/settings', { eraseMode: 'delete' });
    const email = 'delete.me@example.com';
    const first = await post('erase-d', { email });
    const second = await post('erase-d', { email });
    await admin('POST', `/comments/${first}/approve`);

    expect((await admin('POST', '/privacy/erase', { email })).body).toEqual({ email, erased: 2 });
    expect((await admin('GET', `/comments/${first}`)).status).toBe(404);
    expect((await admin('GET', `/comments/${second}`)).status).toBe(404);
    expect((await api(runtime, 'GET', '/articles/erase-d/comments')).body.comments).toEqual([]);
    expect((await admin('GET', `/comments/${first}/history`)).body.history.at(-1)).toMatchObject({
      from: 'approved',
      to: 'deleted',
      rule: 'privacyErase',
    });
    expect((await everything()).filter((item) => tracesOf(email).some((t) => item.includes(t)))).toEqual([]);
    await admin('PUT', '/settings', { eraseMode: 'anonymise' });
  });

  it('refuses a body without a valid email', async () => {
    const response = await admin('POST', '/privacy/erase', {});
    expect(response.status).toBe(422);
    expect(response.body.fields).toHaveProperty('email');
    expect((await admin('POST', '/privacy/erase', { email: 42 })).status).toBe(422);
  });
});
