/**
 * The learner on the in-memory store with a model that only lists the
 * examples it was taught, so every example can be accounted for: racing
 * learners lose none, a crash before the save loses none, a redelivered
 * batch is taught once, and the day counters follow what happened.
 */
import { describe, expect, it } from 'vitest';
import type { DecidedExample } from '../../../lambda/domain/triage/learning';
import type { TriageEvent } from '../../../lambda/domain/triage/triage-days';
import type { TriageRecord } from '../../../lambda/domain/triage/triage-record';
import { learnFromDecisions, type SiteModelCodec, storeLearner } from '../../../lambda/domain/use-cases/learn-from-decisions';
import { InMemoryTriageStore } from '../../support/memory-site-model-store';

/** A "model" that is the list of what it was taught. */
const listing: SiteModelCodec<string[]> = {
  newSiteModel: () => [],
  teach: (site, examples) => [...site, ...examples.map((e) => `${e.origin}:${e.label}:${e.input.text}`)],
  encode: (site) => new TextEncoder().encode(JSON.stringify(site)),
  decode: (bytes) => JSON.parse(new TextDecoder().decode(bytes)),
  describe: (site) => {
    const count = (part: string) => site.filter((line) => line.split(':').includes(part)).length;
    return {
      examples: { approved: count('approved'), rejected: count('rejected'), spam: count('spam') },
      byOrigin: { moderator: count('moderator'), audit: count('audit'), reversal: count('reversal'), import: count('import') },
    };
  },
};
const taughtIn = async (store: InMemoryTriageStore) => {
  const stored = await store.load();
  return stored ? listing.decode(stored.bytes) : [];
};
const noPause = async () => {};

const scored: TriageRecord = { scores: { remove: 0.1, spam: 0.05 }, auto: null, audit: false };
const decided = (
  text: string,
  label: 'approved' | 'rejected' | 'spam',
  triage: TriageRecord = scored,
  at = '2030-03-01T10:00:00.000Z',
): TriageEvent => ({
  kind: 'decided',
  at,
  decision: { text, url: null, label, triage },
});

describe('learning from decisions', () => {
  it('loses no example when two learners race on the store', async () => {
    const store = new InMemoryTriageStore();
    const learn = learnFromDecisions({ store, codec: listing, pause: noPause });
    const batches = Array.from({ length: 6 }, (_, b) => [decided(`b${b} one`, 'approved'), decided(`b${b} two`, 'spam')]);
    await Promise.all(batches.map((events, b) => learn(events, `batch-${b}`)));
    expect(store.conflicts).toBeGreaterThan(0);
    expect((await taughtIn(store)).sort()).toEqual(
      batches
        .flat()
        .map((e) => (e.kind === 'decided' ? `moderator:${e.decision.label}:${e.decision.text}` : ''))
        .sort(),
    );
    const [day] = await store.days('2030-03-01', '2030-03-01');
    expect(day?.counts).toMatchObject({ taughtApproved: 6, taughtSpam: 6, taughtModerator: 12 });
  });

  it('loses nothing when it stops before saving, and teaches a redelivered batch once', async () => {
    const store = new InMemoryTriageStore();
    const events = [decided('first', 'approved'), decided('second', 'rejected')];
    const crashing = Object.assign(Object.create(store), {
      commit: async () => {
        throw new Error('the function stopped');
      },
    }) as InMemoryTriageStore;
    await expect(learnFromDecisions({ store: crashing, codec: listing, pause: noPause })(events, 'batch-1')).rejects.toThrow('stopped');
    expect(await taughtIn(store)).toEqual([]);

    // The stream delivers the batch again, to a fresh learner; and once more after it succeeded.
    const learn = learnFromDecisions({ store, codec: listing, pause: noPause });
    expect((await learn(events, 'batch-1')).outcome).toBe('committed');
    expect((await learn(events, 'batch-1')).outcome).toBe('duplicate');
    expect(await taughtIn(store)).toEqual(['moderator:approved:first', 'moderator:rejected:second']);
    expect((await store.days('2030-03-01', '2030-03-01'))[0]?.counts.taughtRejected).toBe(1);
  });

  it('teaches a reversal of an automatic decision as a reversal, and an audited decision as an audit', async () => {
    const store = new InMemoryTriageStore();
    const published: TriageRecord = { ...scored, auto: 'published' };
    await learnFromDecisions({ store, codec: listing, pause: noPause })(
      [
        decided('published, then rejected', 'rejected', published),
        decided('published, then approved again', 'approved', published),
        decided('audited, agreed', 'approved', { ...published, audit: true }),
        decided('audited, reversed', 'spam', { ...published, audit: true }),
      ],
      'b',
    );
    expect(await taughtIn(store)).toEqual([
      'reversal:rejected:published, then rejected',
      'moderator:approved:published, then approved again',
      'audit:approved:audited, agreed',
      'audit:spam:audited, reversed',
    ]);
    const [day] = await store.days('2030-03-01', '2030-03-01');
    expect(day?.counts).toMatchObject({ reversals: 1, auditAgreed: 1, auditReversed: 1, taughtAudit: 2, taughtReversal: 1 });
  });

  it('counts arrivals by day without touching the model: the gate’s decisions, audits, the queue, other rules', async () => {
    const store = new InMemoryTriageStore();
    const arrived = (status: string, auto: TriageRecord['auto'], audit: boolean, at: string): TriageEvent => ({
      kind: 'arrived',
      at,
      status,
      triage: { ...scored, auto, audit },
    });
    await learnFromDecisions({ store, codec: listing, pause: noPause })([
      arrived('approved', 'published', false, '2030-03-01T23:59:59.000Z'),
      arrived('spam', 'spam', false, '2030-03-02T00:00:00.000Z'),
      arrived('pending', 'published', true, '2030-03-02T01:00:00.000Z'),
      arrived('pending', null, false, '2030-03-02T02:00:00.000Z'),
      // Auto-approve published it: no person saw it, and neither did the gate decide it.
      arrived('approved', null, false, '2030-03-02T03:00:00.000Z'),
    ]);
    expect(await store.load()).toBeNull();
    const days = await store.days('2030-03-01', '2030-03-02');
    expect(days.map((d) => d.day)).toEqual(['2030-03-01', '2030-03-02']);
    expect(days[0]?.counts).toMatchObject({ autoPublished: 1, queued: 0 });
    expect(days[1]?.counts).toMatchObject({ autoSpam: 1, audits: 1, queued: 1, byRules: 1, autoPublished: 0 });
  });

  it('teaches imported history in batches through the same store, counted under the day it was taught', async () => {
    const store = new InMemoryTriageStore();
    const history: DecidedExample[] = Array.from({ length: 1_234 }, (_, i) => ({
      input: { text: `old comment ${i}` },
      label: i % 3 === 0 ? 'spam' : 'approved',
      origin: 'import',
    }));
    const learner = storeLearner({ store, codec: listing, pause: noPause }, () => new Date('2030-03-05T08:00:00.000Z'));
    expect(await learner.teach(history)).toEqual({ taught: { approved: 822, rejected: 0, spam: 412 } });
    expect(await taughtIn(store)).toHaveLength(1_234);
    expect((await store.load())?.version).toBe(3);
    expect((await store.days('2030-03-05', '2030-03-05'))[0]?.counts).toMatchObject({ taughtImport: 1_234, taughtSpam: 412 });
    expect(await store.modelSummary()).toMatchObject({ version: 3, examples: { approved: 822, spam: 412 }, byOrigin: { import: 1_234 } });
  });
});
