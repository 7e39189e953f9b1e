/**
 * The learner under `npm start`'s runtime: a moderator's decisions reach the
 * site's model through the comments stream, as deployed. The stored model
 * holds none of the personal data the comments carried, and the Triage page
 * counts what was taught.
 */
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { DynamoDbTriageStore } from '../../lambda/adapters/dynamodb/triage-store';
import { decodeSiteModel, describeSite } from '../../lambda/domain/triage/site';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { acceptedPoster, api, MODERATOR_TOKEN, startFloodFreeRuntime } from '../support/runtime';

let runtime: LocalRuntime;
let store: DynamoDbTriageStore;
const post = acceptedPoster(() => runtime);
const taught = async () => {
  const stored = await store.load();
  return describeSite(stored ? decodeSiteModel(stored.bytes) : null);
};
const decide = (id: string, action: 'approve' | 'reject' | 'spam') =>
  api(runtime, 'POST', `/admin/comments/${id}/${action}`, { token: MODERATOR_TOKEN });

beforeAll(async () => {
  // The stream reader runs with notifications on (to the test's own outbox).
  runtime = await startFloodFreeRuntime({ notifications: true, streamPollMs: 60_000 });
  // No classifier decides here: every comment waits for the moderator, whose decisions are what this file is about.
  const off = await api(runtime, 'PUT', '/admin/settings', {
    token: MODERATOR_TOKEN,
    body: { triage: { spam: { provider: null, sendPersonalData: false }, toxicity: { provider: null, holdAt: 0.5, rejectAt: 0.9 } } },
  });
  expect(off.status).toBe(200);
  store = new DynamoDbTriageStore({
    db: createDocumentClient(runtime.dynamodb.endpoint),
    tables: { comments: runtime.tables.Comments!, private: runtime.tables.Private! },
  });
});
afterAll(() => runtime?.stop());

describe('the learner under the local runtime', () => {
  it('teaches the site model from moderators’ decisions, keeping no email, name or address in it', async () => {
    const email = 'marjorie.kubitchek@example.org';
    const name = 'Marjorie Kubitchek';
    const spam = await post('learning', {
      author: name,
      email,
      comment: `Marjorie here: about the meetup, write to ${email} and I will answer`,
      url: 'https://marjorie-kubitchek.example.org/shop',
    });
    const civil = await post('learning', { author: name, email, comment: 'I disagree with the second paragraph, politely.' });
    await runtime.streams!.pollNow(); // the arrivals
    expect((await api(runtime, 'GET', `/admin/comments/${spam}`, { token: MODERATOR_TOKEN })).body.status).toBe('pending');
    expect((await decide(spam, 'spam')).status).toBe(200);
    expect((await decide(civil, 'approve')).status).toBe(200);
    await runtime.streams!.pollNow();

    const stored = await store.load();
    expect(stored).not.toBeNull();
    expect(describeSite(decodeSiteModel(stored!.bytes))).toMatchObject({
      examples: { approved: 1, rejected: 0, spam: 1 },
      byOrigin: { moderator: 2 },
    });
    // Deflated bytes: look at what they inflate to as well, where any text would be readable.
    for (const bytes of [Buffer.from(stored!.bytes), inflateRawSync(stored!.bytes)]) {
      const text = bytes.toString('latin1').toLowerCase();
      for (const personal of [email, 'kubitchek', 'marjorie', 'example.org', '127.0.0.1']) expect(text).not.toContain(personal);
    }

    const triage = await api(runtime, 'GET', '/admin/triage', { token: MODERATOR_TOKEN });
    expect(triage.body.taught).toMatchObject({ total: 2, byLabel: { approved: 1, spam: 1 }, byOrigin: { moderator: 2 } });
    expect(triage.body.model).toMatchObject({ examples: { approved: 1, spam: 1 } });
  });

  it('teaches a moderator changing their mind as two decisions', async () => {
    const before = await taught();
    const id = await post('learning', { comment: 'A second look at this one, please.' });
    expect((await decide(id, 'approve')).status).toBe(200);
    expect((await decide(id, 'reject')).status).toBe(200);
    await runtime.streams!.pollNow();
    const after = await taught();
    expect(after.examples.approved - before.examples.approved).toBe(1);
    expect(after.examples.rejected - before.examples.rejected).toBe(1);
  });

  it('counts a scored comment’s arrival, and teaches its decision under the scores the gate judged', async () => {
    const on = await api(runtime, 'PUT', '/admin/settings', {
      token: MODERATOR_TOKEN,
      body: {
        triage: { spam: { provider: 'builtin', sendPersonalData: false }, toxicity: { provider: 'builtin', holdAt: 0.5, rejectAt: 0.9 } },
      },
    });
    expect(on.status).toBe(200);
    const queuedBefore = (await api(runtime, 'GET', '/admin/triage', { token: MODERATOR_TOKEN })).body.triaged;
    const id = await post('learning', { comment: 'Good reporting, and a fair summary of both sides.' });
    const stored = await api(runtime, 'GET', `/admin/comments/${id}`, { token: MODERATOR_TOKEN });
    expect(stored.body.triage).toMatchObject({ auto: null, audit: false });
    await runtime.streams!.pollNow();
    const triage = (await api(runtime, 'GET', '/admin/triage', { token: MODERATOR_TOKEN })).body;
    expect(triage.triaged - queuedBefore).toBe(1);

    const evidenceBefore = (await taught()).evidence;
    expect((await decide(id, 'approve')).status).toBe(200);
    await runtime.streams!.pollNow();
    const after = await taught();
    // The gate's evidence grows under the model's own score source, one example per decision table.
    const grown = Object.entries(after.evidence).filter(([source, n]) => n > (evidenceBefore[source] ?? 0));
    expect(grown.map(([source]) => source).sort()).toEqual(['published:model+model', 'rejected:model', 'spam:model']);
  });
});
