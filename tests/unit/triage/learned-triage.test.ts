/**
 * The learned triage on the submit path: the site's model read through its
 * store and reused for the cache time, one read shared by concurrent
 * submissions, a new site that lets the gate decide nothing, and a read
 * failure that reaches the caller (who then holds the comment).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lambda/domain/settings';
import { LearnedTriage } from '../../../lambda/domain/triage/learned-triage';
import type { DecidedExample, SiteModelStore } from '../../../lambda/domain/triage/learning';
import { DEFAULT_AUTO_DECIDE, encodeSiteModel, newSiteModel, scoreComment, teach } from '../../../lambda/domain/triage/site';
import { InMemorySiteModelStore } from '../../support/memory-site-model-store';

class CountingStore extends InMemorySiteModelStore {
  loads = 0;
  versions = 0;
  override async load() {
    this.loads += 1;
    return super.load();
  }
  override async version() {
    this.versions += 1;
    return super.version();
  }
}

const comment = { text: 'The library should open on Sundays.', url: null, record: { approved: 0, rejected: 0, spam: 0 } };

describe('the learned triage', () => {
  it('keeps the settings’ automatic-decision defaults equal to the gate’s', () => {
    expect(DEFAULT_SETTINGS.triage.autoDecide).toEqual(DEFAULT_AUTO_DECIDE);
  });

  it('scores a comment on a new site, and the gate decides nothing there', async () => {
    const prepared = await new LearnedTriage(new InMemorySiteModelStore(), { cacheMs: 0 }).prepare();
    const assessment = prepared.assess(comment, undefined, DEFAULT_AUTO_DECIDE);
    for (const score of [assessment.scores.remove, assessment.scores.spam]) expect(score).toBeGreaterThan(0);
    expect(assessment.scores).toMatchObject(assessment.modelScores);
    expect(assessment.verdict).toMatchObject({ decision: 'pending', auto: false, audit: false });
  });

  it("judges a provider's score in place of the model's for the head it answered", async () => {
    const prepared = await new LearnedTriage(new InMemorySiteModelStore(), { cacheMs: 0 }).prepare();
    const assessment = prepared.assess(comment, { spam: 0.97, name: 'akismet' }, DEFAULT_AUTO_DECIDE);
    expect(assessment.scores.spam).toBe(0.97);
    expect(assessment.scores.source).toEqual({ spam: 'akismet' });
    expect(assessment.modelScores.spam).not.toBe(0.97);
  });

  it('reads the site model once per cache time, and concurrent submissions share one read', async () => {
    const store = new CountingStore();
    let now = 1_000;
    const triage = new LearnedTriage(store, { cacheMs: 5_000, now: () => now });
    await Promise.all([triage.prepare(), triage.prepare(), triage.prepare()]);
    expect(store.loads).toBe(1);
    now += 4_999;
    await triage.prepare();
    expect(store.loads).toBe(1);
    now += 2;
    await triage.prepare();
    // After the cache time, one read again: the version, which says nothing new was saved.
    expect([store.loads, store.versions]).toEqual([1, 1]);
  });

  it('decodes the model again only when the learner saved a new version', async () => {
    const store = new CountingStore();
    const examples: DecidedExample[] = Array.from({ length: 5 }, () => ({ input: comment, label: 'spam', origin: 'moderator' }));
    expect(await store.save(encodeSiteModel(teach(newSiteModel(), examples)), null)).toBe(true);
    const triage = new LearnedTriage(store, { cacheMs: 0 });
    const first = await triage.prepare();
    expect(await triage.prepare()).toBe(first);
    expect(await store.save(encodeSiteModel(teach(newSiteModel(), [...examples, ...examples])), 1)).toBe(true);
    expect(await triage.prepare()).not.toBe(first);
    // The second read found the same version and fetched no bytes; the third found the new one.
    expect(store.versions).toBe(2);
    expect(store.loads).toBe(2);
  });

  it('checks only the version when its cache time is up, and reads the model when the learner saved a new one', async () => {
    const store = new CountingStore();
    const examples: DecidedExample[] = Array.from({ length: 5 }, () => ({ input: comment, label: 'spam', origin: 'moderator' }));
    expect(await store.save(encodeSiteModel(teach(newSiteModel(), examples)), null)).toBe(true);
    let now = 1_000;
    const triage = new LearnedTriage(store, { cacheMs: 5_000, now: () => now });
    const first = await triage.prepare();
    expect([store.versions, store.loads]).toEqual([0, 1]);
    now += 5_001;
    expect(await triage.prepare()).toBe(first);
    expect([store.versions, store.loads]).toEqual([1, 1]);
    // Checked again only after another cache time.
    await triage.prepare();
    expect(store.versions).toBe(1);
    expect(await store.save(encodeSiteModel(teach(newSiteModel(), [...examples, ...examples])), 1)).toBe(true);
    now += 5_001;
    expect(await triage.prepare()).not.toBe(first);
    expect([store.versions, store.loads]).toEqual([2, 2]);
  });

  it('reads every time with no cache time, so a model the learner saved applies to the next comment', async () => {
    const store = new CountingStore();
    const triage = new LearnedTriage(store, { cacheMs: 0 });
    const before = (await triage.prepare()).assess(comment, undefined, DEFAULT_AUTO_DECIDE).modelScores;
    const examples: DecidedExample[] = Array.from({ length: 50 }, () => ({ input: comment, label: 'spam', origin: 'moderator' }));
    expect(await store.save(encodeSiteModel(teach(newSiteModel(), examples)), null)).toBe(true);
    const after = (await triage.prepare()).assess(comment, undefined, DEFAULT_AUTO_DECIDE).modelScores;
    expect(store.loads).toBe(2);
    expect(after.spam).toBeGreaterThan(before.spam);
  });

  it('rejects when the store cannot be read, and reads again on the next submission', async () => {
    let failing = true;
    const store: SiteModelStore = {
      load: async () => {
        if (failing) throw new Error('ProvisionedThroughputExceededException');
        return null;
      },
      version: async () => null,
      save: async () => true,
    };
    const triage = new LearnedTriage(store, { cacheMs: 5_000 });
    await expect(triage.prepare()).rejects.toThrow('ProvisionedThroughputExceededException');
    failing = false;
    await expect(triage.prepare()).resolves.toBeDefined();
  });

  it('draws audits with the random source it is given', async () => {
    // 600 approvals recorded at the scores this comment gets from the site they teach (teaching's weights
    // do not depend on the recorded scores): the gate is sure, and the draw decides whether a person checks.
    const approved = (scoresAtDecision?: DecidedExample['scoresAtDecision']): DecidedExample[] =>
      Array.from({ length: 600 }, (_, i) => ({
        input: { text: `comment ${i}` },
        label: 'approved',
        origin: 'moderator',
        ...(scoresAtDecision ? { scoresAtDecision } : {}),
      }));
    const learned = teach(newSiteModel(), approved());
    const scores = scoreComment(learned, comment).scores;
    const store = new InMemorySiteModelStore();
    await store.save(encodeSiteModel(teach(newSiteModel(), approved(scores))), null);
    const settings = { ...DEFAULT_AUTO_DECIDE, audit: 0.5 };
    const drawn = async (random: number) =>
      (await new LearnedTriage(store, { cacheMs: 0, random: () => random }).prepare()).assess(comment, undefined, settings).verdict;
    expect(await drawn(0.1)).toMatchObject({ decision: 'pending', auto: true, audit: true, automatic: 'published' });
    expect(await drawn(0.9)).toMatchObject({ decision: 'published', auto: true, audit: false });
  });
});
