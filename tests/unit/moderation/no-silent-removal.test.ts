/**
 * No guess removes a comment without a person: classifier verdicts hold at
 * most. Civil comments the pattern rules once removed ("$10.50 an hour" read
 * as spam vocabulary, the surname "Kubitchek" read as a slur) and others in
 * the same spirit are never rejected or marked spam, whatever the settings
 * and whatever a provider answers. The rules that may still remove (honeypot,
 * disallowed words, bans) keep doing so.
 */
import { describe, expect, it } from 'vitest';
import { decide, type PolicyInput } from '../../../lambda/domain/policy';
import { DEFAULT_SETTINGS } from '../../../lambda/domain/settings';
import { prepareWith } from '../../../lambda/domain/triage/learned-triage';
import { fakeSource } from './classifier-source';
import { fakeTriage } from './fake-triage';

const CIVIL = [
  'I started at $10.50 an hour at the plant and never got a raise in six years.',
  'Councillor Kubitchek voted against the bridge again.',
  'Mr. Kubitchek, your numbers on the levy are simply wrong.',
  'My daughter earns $15 an hour at the pharmacy on weekends, and she still cannot afford the bus.',
  'Call the council on 020 7946 0958 if your bin was not collected; they fixed mine in a day.',
  'Great article, thank you for this post. Keep up the good work on the housing story.',
  'The casino referendum failed by 300 votes, and the turnout was the lowest in a decade.',
  'My grandfather lost his savings to a payday loan firm in 1998; regulation came too late for him.',
  'As a nurse I can tell you the hospital has no pharmacy open after 8 pm.',
];

// The shipped model on a new site (no decisions yet), as a new deployment has it.
const input = (comment: string, settings: Partial<PolicyInput['settings']> = {}): PolicyInput => ({
  submission: { comment, author: 'Ann', url: null, honeypot: false },
  settings: { ...DEFAULT_SETTINGS, premoderation: false, ...settings },
  article: { premoderation: null },
  author: { approved: 0, rejected: 0, spam: 0 },
  learnedTriage: prepareWith(null, Math.random),
});

const REMOVED = ['rejected', 'spam'];

describe('no silent removal by a guess', () => {
  for (const comment of CIVIL) {
    it(`never removes "${comment.slice(0, 48)}…" with the shipped model on a new site`, async () => {
      for (const premoderation of [false, true, 'auto'] as const) {
        const decision = await decide(input(comment, { premoderation }));
        expect(REMOVED).not.toContain(decision.status);
      }
    });
  }

  it('holds, never removes, when the model is certain but the gate is not sure', async () => {
    const certain = fakeTriage({ modelScores: { remove: 0.99, spam: 0.99 } }).triage;
    for (const premoderation of [false, true, 'auto'] as const) {
      const decision = await decide({ ...input(CIVIL[0]!, { premoderation }), learnedTriage: certain });
      expect(decision.status).toBe('pending');
    }
  });

  it('holds, never removes, when a provider is certain, even with the strictest thresholds', async () => {
    const { source } = fakeSource({ akismet: { score: 1, signal: 'akismet: spam' }, comprehend: { score: 1, signal: 'insult' } });
    const triage = {
      spam: { provider: 'akismet' as const, sendPersonalData: false },
      toxicity: { provider: 'comprehend' as const, holdAt: 0, rejectAt: 0 },
      autoDecide: DEFAULT_SETTINGS.triage.autoDecide,
    };
    const decision = await decide({ ...input(CIVIL[0]!, { triage }), classifiers: source });
    expect(decision.status).toBe('pending');
    expect(decision.reasons.map((r) => [r.rule, r.score])).toEqual([
      ['spam', 1],
      ['toxicity', 1],
    ]);
  });

  it('still lets the honeypot, disallowed words and bans mark spam', async () => {
    const honeypot = await decide({ ...input(CIVIL[0]!), submission: { comment: CIVIL[0]!, author: 'Ann', url: null, honeypot: true } });
    expect(honeypot.status).toBe('spam');
    expect((await decide(input(CIVIL[1]!, { disallowedWords: ['bridge'] }))).status).toBe('spam');
    expect((await decide({ ...input(CIVIL[1]!), ban: { id: 'b1', scope: 'email' } })).status).toBe('spam');
  });
});
