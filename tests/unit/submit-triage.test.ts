/**
 * What a submission stores of its triage: the judged scores, the gate's
 * automatic decision (none when a hold or a person decides), the audit flag
 * and the author's counts; nothing when nothing scored it. A comment an
 * earlier rule stopped (the honeypot) asks no provider and no model.
 */
import { describe, expect, it } from 'vitest';
import { CommentService } from '../../lambda/domain/comment-service';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { DEFAULT_SETTINGS, type SiteSettings } from '../../lambda/domain/settings';
import type { ProviderName } from '../../lambda/domain/ports/classifier';
import type { TriageAssessment, TriageScorer } from '../../lambda/domain/ports/triage-scorer';
import { memoryStore } from '../support/memory-store';
import { fakeSource } from './moderation/classifier-source';
import { fakeTriage } from './moderation/fake-triage';

const published: TriageAssessment['verdict'] = {
  decision: 'published',
  auto: true,
  audit: false,
  automatic: 'published',
  message: 'published: remove 0.03 (≤ 0.008 error over 1,240 decisions)',
};

async function setup(
  settings: Partial<SiteSettings>,
  scorer: TriageScorer,
  providers: Partial<Record<ProviderName, { score: number }>> = {},
) {
  const store = memoryStore();
  await store.putSettings({ ...DEFAULT_SETTINGS, floodSeconds: 0, ...settings, version: 1 }, 0);
  const classifiers = fakeSource({ builtin: { score: 0 }, ...providers });
  const service = new CommentService({
    store,
    hasher: new KeyedHasher('0123456789abcdef0123'),
    classifiers: classifiers.source,
    triage: scorer,
  });
  let n = 0;
  const submit = async (overrides: Record<string, string> = {}) => {
    const { body } = await service.submit({
      articleId: 'a1',
      input: { comment: `Comment number ${++n}.`, author: 'Ann', email: `ann${n}@example.com`, ...overrides },
      clientIp: null,
    });
    return service.getForModeration(body.id);
  };
  return { submit, sent: classifiers.sent };
}

const scorer = (verdict?: TriageAssessment['verdict']) => {
  const fake = fakeTriage(verdict ? { verdict } : {});
  return { scorer: { prepare: async () => fake.triage } satisfies TriageScorer, asked: fake.asked };
};

describe('the triage record a submission stores', () => {
  it('says the gate published it, with the scores it judged and the author’s counts', async () => {
    const { submit } = await setup({ premoderation: 'auto' }, scorer(published).scorer);
    const comment = await submit();
    expect(comment.status).toBe('approved');
    expect(comment.triage).toEqual({
      scores: { remove: 0.1, spam: 0.05 },
      auto: 'published',
      audit: false,
      record: { approved: 0, rejected: 0, spam: 0 },
    });
  });

  it('says no automatic decision was made when a hold kept the comment, or pre-moderation is on', async () => {
    const held = await setup({ premoderation: 'auto', moderationWords: ['refund'] }, scorer(published).scorer);
    expect(await held.submit({ comment: 'I want a refund.' })).toMatchObject({ status: 'pending', triage: { auto: null, audit: false } });
    const everyone = await setup({ premoderation: true }, scorer(published).scorer);
    expect(await everyone.submit()).toMatchObject({ status: 'pending', triage: { auto: null, audit: false } });
  });

  it('marks an audit with the decision it would have been', async () => {
    const audit = { ...published, decision: 'pending' as const, audit: true, message: `audit of ${published.message}` };
    const { submit } = await setup({ premoderation: 'auto' }, scorer(audit).scorer);
    const comment = await submit();
    expect(comment.status).toBe('pending');
    expect(comment.reasons[0]).toMatchObject({ rule: 'audit' });
    expect(comment.triage).toMatchObject({ auto: 'published', audit: true });
  });

  it("keeps a provider's judged score and its name", async () => {
    const settings = {
      premoderation: 'auto' as const,
      triage: { ...DEFAULT_SETTINGS.triage, spam: { provider: 'akismet' as const, sendPersonalData: false } },
    };
    const { submit } = await setup(settings, scorer().scorer, { akismet: { score: 0.2 } });
    expect((await submit()).triage?.scores).toEqual({ remove: 0.1, spam: 0.2 });
  });

  it('asks no provider and no model about a comment the honeypot stopped, and stores no record', async () => {
    const { scorer: quiet, asked } = scorer(published);
    const settings = {
      premoderation: 'auto' as const,
      triage: { ...DEFAULT_SETTINGS.triage, spam: { provider: 'akismet' as const, sendPersonalData: false } },
    };
    const { submit, sent } = await setup(settings, quiet, { akismet: { score: 0.2 } });
    const comment = await submit({ website_confirm: 'http://bot.example' });
    expect(comment.status).toBe('spam');
    expect(comment.triage).toBeUndefined();
    expect(sent).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('holds the comment, with no record, when the site model cannot be read', async () => {
    const failing: TriageScorer = { prepare: async () => Promise.reject(new Error('ProvisionedThroughputExceededException')) };
    const { submit } = await setup({ premoderation: 'auto' }, failing);
    const comment = await submit();
    expect(comment.status).toBe('pending');
    expect(comment.reasons.slice(0, 2)).toEqual([
      { rule: 'spam', message: 'classifier unavailable' },
      { rule: 'toxicity', message: 'classifier unavailable' },
    ]);
    expect(comment.triage).toBeUndefined();
  });
});
