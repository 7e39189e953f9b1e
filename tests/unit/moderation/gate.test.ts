/**
 * The gate phase and its place in the list: under premoderation "auto" the
 * gate's verdict decides, with the contract's reasons; holds still keep a
 * comment from being published; other settings never consult it.
 */
import { describe, expect, it } from 'vitest';
import { gate } from '../../../lambda/domain/moderation/gate';
import type { PhaseContext } from '../../../lambda/domain/moderation/phase';
import { decide } from '../../../lambda/domain/policy';
import type { TriageAssessment } from '../../../lambda/domain/ports/triage-scorer';
import { context } from './context';
import { fakeTriage } from './fake-triage';

const verdicts: Record<string, TriageAssessment['verdict']> = {
  published: {
    decision: 'published',
    auto: true,
    audit: false,
    automatic: 'published',
    message: 'published: remove 0.03 (≤ 0.008 error over 1,240 decisions)',
  },
  rejected: {
    decision: 'rejected',
    auto: true,
    audit: false,
    automatic: 'rejected',
    message: 'rejected: remove 0.97 (≤ 0.009 error over 410 decisions)',
  },
  spam: { decision: 'spam', auto: true, audit: false, automatic: 'spam', message: 'spam: spam 0.99 (≤ 0.004 error over 900 decisions)' },
  audit: {
    decision: 'pending',
    auto: true,
    audit: true,
    automatic: 'published',
    message: 'audit of published: remove 0.03 (≤ 0.008 error over 1,240 decisions)',
  },
  pending: { decision: 'pending', auto: false, audit: false, message: 'pending: no decided comments of similar score yet' },
};
const scores = { remove: 0.97, spam: 0.99 };
const at = (
  verdict: keyof typeof verdicts,
  premoderation: boolean | 'auto' = 'auto',
  overrides: Partial<PhaseContext['submission']> = {},
) => ({
  ...context({ settings: { premoderation }, submission: overrides }),
  learnedTriage: fakeTriage({
    verdict: verdicts[verdict],
    modelScores: verdict === 'published' || verdict === 'audit' ? { remove: 0.03, spam: 0.01 } : scores,
  }).triage,
});

describe('the gate phase', () => {
  it('publishes, rejects or marks spam with the gate reason and the score it judged', async () => {
    expect(await gate(at('published'))).toEqual({
      decide: 'approved',
      reason: { rule: 'gate', message: verdicts.published!.message, score: 0.03 },
    });
    expect(await gate(at('rejected'))).toEqual({
      decide: 'rejected',
      reason: { rule: 'gate', message: verdicts.rejected!.message, score: 0.97 },
    });
    expect(await gate(at('spam'))).toEqual({ decide: 'spam', reason: { rule: 'gate', message: verdicts.spam!.message, score: 0.99 } });
  });

  it('queues an audit with rule audit, and leaves what it is not sure of to a person with its reason', async () => {
    expect(await gate(at('audit'))).toEqual({
      decide: 'pending',
      reason: { rule: 'audit', message: verdicts.audit!.message, score: 0.03 },
    });
    expect(await gate(at('pending'))).toMatchObject({ decide: 'pending', reason: { rule: 'gate', message: verdicts.pending!.message } });
  });

  it('is not consulted unless pre-moderation is "auto", for the site or the article', async () => {
    expect(await gate(at('rejected', true))).toBeUndefined();
    expect(await gate(at('rejected', false))).toBeUndefined();
    expect(await gate({ ...at('rejected'), article: { premoderation: false } })).toBeUndefined();
    expect(await gate({ ...at('rejected', false), article: { premoderation: null } })).toBeUndefined();
  });
});

describe('the gate among the phases', () => {
  it('publishes automatically only when nothing held the comment: holds win', async () => {
    expect(await decide(at('published'))).toMatchObject({
      status: 'approved',
      reasons: [{ rule: 'gate' }, { rule: 'spam' }, { rule: 'toxicity' }],
    });
    const withLinks = { ...at('published', 'auto', { comment: 'https://a.example https://b.example https://c.example' }) };
    const held = await decide(withLinks);
    expect(held.status).toBe('pending');
    expect(held.reasons.map((r) => r.rule)).toEqual(['maxLinks', 'spam', 'toxicity']);
  });

  it('decides nothing automatically where the site model is not wired, and a person sees the comment', async () => {
    const { learnedTriage: _none, ...unwired } = at('published');
    expect(await decide(unwired)).toEqual({
      status: 'pending',
      reasons: [{ rule: 'premoderation', message: 'no automatic decision: held for review' }],
    });
  });

  it('never runs before the honeypot, disallowed words or bans', async () => {
    expect((await decide({ ...at('published'), ban: { id: 'b1', scope: 'email' } })).reasons[0]?.rule).toBe('ban');
  });
});
