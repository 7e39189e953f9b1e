/** The author's record beside each comment, and every comment of one email (GET /admin/comments?email=). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { startFloodFreeRuntime, moderatorApi, acceptedPoster } from '../support/runtime';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
});
afterAll(() => runtime?.stop());

const admin = moderatorApi(() => runtime);
const post = acceptedPoster(() => runtime);
const byEmail = (email: string, extra = '') => admin('GET', `/comments?email=${encodeURIComponent(email)}${extra}`);
const inQueue = async (id: string) => {
  const queue = await admin('GET', '/comments?status=pending&limit=100');
  return queue.body.comments.find((c: { id: string }) => c.id === id);
};

describe("the author's record", () => {
  it("shows beside a queued comment how many of that email's comments were approved, rejected and spam", async () => {
    const email = 'regular.reader@example.com';
    const approved = await post('record-a', { email });
    const rejected = await post('record-a', { email });
    const spam = await post('record-b', { email });
    expect((await admin('POST', `/comments/${approved}/approve`)).status).toBe(200);
    expect((await admin('POST', `/comments/${rejected}/reject`)).status).toBe(200);
    expect((await admin('POST', `/comments/${spam}/spam`)).status).toBe(200);

    const fresh = await post('record-c', { email: 'Regular.Reader@Example.com' });
    const newcomer = await post('record-c', {});
    expect((await inQueue(fresh)).authorRecord).toEqual({ approved: 1, rejected: 1, spam: 1 });
    expect((await inQueue(newcomer)).authorRecord).toEqual({ approved: 0, rejected: 0, spam: 0 });
    expect((await admin('GET', `/comments/${fresh}`)).body.authorRecord).toEqual({ approved: 1, rejected: 1, spam: 1 });

    // An action answers the record as it stands after the action.
    const answer = await admin('POST', `/comments/${fresh}/approve`);
    expect(answer.body.authorRecord).toEqual({ approved: 2, rejected: 1, spam: 1 });
  });

  it('is null once the email is erased', async () => {
    const email = 'leaving@example.com';
    const id = await post('record-d', { email });
    expect((await admin('POST', '/privacy/erase', { email })).status).toBe(200);
    const shown = await admin('GET', `/comments/${id}`);
    expect(shown.body).toMatchObject({ email: null, authorRecord: null });
  });
});

describe('GET /admin/comments?email=', () => {
  it("lists every comment of the address in every status and article, newest first, in pages, and no one else's", async () => {
    const email = 'prolific@example.com';
    const ids: string[] = [];
    for (const article of ['list-a', 'list-b', 'list-a', 'list-c', 'list-b']) ids.push(await post(article, { email }));
    await post('list-a', { email: 'someone.else@example.com' });
    await admin('POST', `/comments/${ids[0]}/approve`);
    await admin('POST', `/comments/${ids[2]}/spam`);

    const first = await byEmail(' PROLIFIC@example.com ', '&limit=3');
    expect(first.status).toBe(200);
    expect(first.body.comments.map((c: { id: string }) => c.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(first.body.comments.every((c: { email: string }) => c.email === email)).toBe(true);
    expect(first.body.comments[2]).toMatchObject({ status: 'spam', authorRecord: { approved: 1, rejected: 0, spam: 1 } });
    // The cursor carries a position, never the address.
    expect(Buffer.from(first.body.nextCursor.split('.')[0], 'base64url').toString()).not.toContain('prolific');

    const rest = await byEmail(email, `&limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(rest.body.comments.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [ids[1], 'pending'],
      [ids[0], 'approved'],
    ]);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('answers an empty page for an address with no comments', async () => {
    const response = await byEmail('never.wrote@example.com');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ comments: [], nextCursor: null });
  });

  it('refuses a cursor of another address or list, email with status or articleId, and what is not an address', async () => {
    const email = 'cursor.owner@example.com';
    for (let n = 0; n < 3; n++) await post('list-d', { email });
    const page = await byEmail(email, '&limit=1');
    const cursor = encodeURIComponent(page.body.nextCursor);

    expect((await byEmail('other.reader@example.com', `&cursor=${cursor}`)).status).toBe(400);
    expect((await admin('GET', `/comments?status=pending&cursor=${cursor}`)).status).toBe(400);
    expect((await byEmail(email, '&status=pending')).status).toBe(400);
    expect((await byEmail(email, '&articleId=list-d')).status).toBe(400);
    const invalid = await byEmail('not-an-address');
    expect(invalid.status).toBe(422);
    expect(invalid.body.fields).toHaveProperty('email');
    expect((await byEmail('')).status).toBe(422);
  });
});
