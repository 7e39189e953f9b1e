/**
 * The learner with the real site model (lambda/domain/triage/site/), from
 * stream records to stored bytes: a moderator reversing an automatic publish
 * moves the model further than a plain rejection, racing learners lose no
 * example, and the stored bytes carry none of the comment's personal data.
 */
import { inflateRawSync } from 'node:zlib';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { decodeSiteModel, describeSite, scoreComment } from '../../../lambda/domain/triage/site';
import type { TriageRecord } from '../../../lambda/domain/triage/triage-record';
import { SITE_MODEL_CODEC } from '../../../lambda/domain/use-cases/site-model-codec';
import { learnerConsumer } from '../../../lambda/handlers/learn-from-decisions';
import { InMemoryTriageStore } from '../../support/memory-site-model-store';

let sequence = 0;
/** A moderator moving a comment from `from` to `to`, as the stream delivers it. */
function decision(text: string, from: string, to: string, triage?: TriageRecord, fields: Record<string, unknown> = {}): DynamoDBRecord {
  sequence += 1;
  const item = (status: string) =>
    marshall(
      {
        type: 'comment',
        id: `c${sequence}`,
        articleId: 'a',
        author: 'Someone',
        url: null,
        comment: text,
        status,
        createdAt: '2030-03-01T10:00:00.000Z',
        updatedAt: '2030-03-01T11:00:00.000Z',
        ...(triage ? { triage } : {}),
        ...fields,
      },
      { removeUndefinedValues: true },
    ) as Record<string, never>;
  return {
    eventID: `e${sequence}`,
    eventName: 'MODIFY',
    dynamodb: { OldImage: item(from), NewImage: { ...item(to), moderatedBy: { S: 'mod' } as never } },
  };
}
const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const learnerOn = (store: InMemoryTriageStore) => learnerConsumer(() => ({ store, codec: SITE_MODEL_CODEC, pause: async () => {} }));
const siteOf = async (store: InMemoryTriageStore) => decodeSiteModel((await store.load())!.bytes);

const TEXT = 'You people never check your facts before you write.';
const published: TriageRecord = { scores: { remove: 0.05, spam: 0.01 }, auto: 'published', audit: false };
const queued: TriageRecord = { scores: { remove: 0.05, spam: 0.01 }, auto: null, audit: false };

describe('the learner on the real site model', () => {
  it('moves the score of a comment whose automatic publish a moderator reversed further than one rejected from the queue', async () => {
    const reversed = new InMemoryTriageStore();
    const plain = new InMemoryTriageStore();
    await learnerOn(reversed)(batch(decision(TEXT, 'approved', 'rejected', published)));
    await learnerOn(plain)(batch(decision(TEXT, 'pending', 'rejected', queued)));
    expect(describeSite(await siteOf(reversed)).byOrigin.reversal).toBe(1);
    expect(describeSite(await siteOf(plain)).byOrigin.moderator).toBe(1);
    const untaught = scoreComment(null, { text: TEXT }).modelScores.remove;
    const afterReversal = scoreComment(await siteOf(reversed), { text: TEXT }).modelScores.remove;
    const afterRejection = scoreComment(await siteOf(plain), { text: TEXT }).modelScores.remove;
    expect(afterRejection).toBeGreaterThan(untaught);
    expect(afterReversal - untaught).toBeGreaterThan(2 * (afterRejection - untaught));
  });

  it('loses no example when several learners race on one store', async () => {
    const store = new InMemoryTriageStore();
    const batches = Array.from({ length: 5 }, (_, b) =>
      batch(
        decision(`Batch ${b}: thanks, this helped.`, 'pending', 'approved', queued),
        decision(`Batch ${b}: buy followers now`, 'pending', 'spam', queued),
      ),
    );
    await Promise.all(batches.map((event) => learnerOn(store)(event)));
    expect(store.conflicts).toBeGreaterThan(0);
    expect(describeSite(await siteOf(store)).examples).toEqual({ approved: 5, rejected: 0, spam: 5 });
  });

  it('stores none of the email, name, address or website the comments carried', async () => {
    const store = new InMemoryTriageStore();
    const personal = { author: 'Dolores Quibbleworth', url: 'https://quibbleworth-family.example/' };
    await learnerOn(store)(
      batch(
        decision('Write to dolores.quibbleworth@example.net, Dolores Quibbleworth, 12 Elm Row', 'pending', 'spam', queued, personal),
        decision('Dolores Quibbleworth agrees with the article', 'pending', 'approved', queued, personal),
      ),
    );
    // The stored bytes are deflated: look at what they inflate to, where any text would be readable.
    const stored = (await store.load())!.bytes;
    for (const bytes of [Buffer.from(stored), inflateRawSync(stored)]) {
      const text = bytes.toString('latin1').toLowerCase();
      for (const fragment of ['dolores', 'quibbleworth', 'example.net', 'quibbleworth-family', 'elm row'])
        expect(text).not.toContain(fragment);
    }
  });

  it('keeps the gate’s evidence under the score the gate judged, a provider’s included', async () => {
    const store = new InMemoryTriageStore();
    const byAkismet: TriageRecord = { scores: { remove: 0.05, spam: 0.97, source: { spam: 'akismet' } }, auto: null, audit: false };
    await learnerOn(store)(batch(decision('Visit my shop for cheap watches', 'pending', 'spam', byAkismet)));
    const evidence = describeSite(await siteOf(store)).evidence;
    expect(evidence['spam:akismet']).toBe(1);
    expect(evidence['spam:model']).toBeUndefined();
  });
});
