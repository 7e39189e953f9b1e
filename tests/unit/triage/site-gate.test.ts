import { describe, expect, it } from 'vitest';
import type { AutoDecideSettings, DecidedExample, DecisionLabel, TriageScores } from '../../../lambda/domain/triage/learning';
import { DEFAULT_AUTO_DECIDE, gate, newSiteModel, type SiteModel, seededRandom, teach } from '../../../lambda/domain/triage/site';
import { type GateScores, scoreBin, widenTable } from '../../../lambda/domain/triage/site/evidence';

const never = () => 1;
const loose: AutoDecideSettings = { maxError: 0.05, audit: 0, minExamples: 100 };

/** `count` decided comments that all had `scores` when they were decided. */
function decided(count: number, label: DecisionLabel, scores: GateScores): DecidedExample[] {
  return Array.from({ length: count }, (_, i) => ({
    input: { text: `comment number ${i} about the article` },
    label,
    scoresAtDecision: scores,
    origin: 'moderator' as const,
  }));
}

function siteWith(...batches: DecidedExample[][]): SiteModel {
  return batches.reduce((site, batch) => teach(site, batch), newSiteModel());
}

const low: TriageScores = { remove: 0.02, spam: 0.01 };
const toxic: TriageScores = { remove: 0.97, spam: 0.02 };

describe('the gate', () => {
  it('tells a campaign’s surest spam apart from ordinary comments the shipped model put past 8 in log-odds', () => {
    const logistic = (z: number) => 1 / (1 + Math.exp(-z));
    const site = siteWith(
      decided(4, 'approved', { remove: 0.01, spam: logistic(8.2) }),
      decided(600, 'spam', { remove: 0.01, spam: logistic(14) }),
      decided(40, 'spam', { remove: 0.01, spam: logistic(9) }),
    );
    expect(gate(site, { remove: 0.01, spam: logistic(14) }, DEFAULT_AUTO_DECIDE, never).decision).toBe('spam');
    expect(gate(site, { remove: 0.01, spam: logistic(8.2) }, DEFAULT_AUTO_DECIDE, never).decision).toBe('pending');
  });

  it('reads evidence stored in the narrower layout into the same scores', () => {
    const narrow = new Array(32 * 3).fill(0);
    narrow[20 * 3 + 2] = 7; // 7 spam decisions at log-odds 2 to 2.5 when bins reached only to 8
    const wide = widenTable(narrow);
    expect(wide.counts.length).toBe(64 * 3);
    expect(wide.counts[scoreBin(1 / (1 + Math.exp(-2.2))) * 3 + 2]).toBe(7);
  });

  it('decides nothing for a new site', () => {
    for (const scores of [low, toxic, { remove: 0.001, spam: 0.999 }]) {
      for (const site of [null, newSiteModel()]) {
        const verdict = gate(site, scores, DEFAULT_AUTO_DECIDE, never);
        expect(verdict).toMatchObject({ decision: 'pending', auto: false, audit: false });
      }
    }
  });

  it('never decides on fewer decided comments than minExamples, however clean they are', () => {
    for (const count of [1, 50, 99]) {
      const verdict = gate(siteWith(decided(count, 'approved', low)), low, { maxError: 0.1, audit: 0, minExamples: 100 }, never);
      expect(verdict.decision).toBe('pending');
      expect(verdict.estimate?.n).toBe(count);
    }
    const enough = gate(siteWith(decided(100, 'approved', low)), low, { maxError: 0.1, audit: 0, minExamples: 100 }, never);
    expect(enough).toMatchObject({ decision: 'published', auto: true });
  });

  it('needs the bound, not the measured error, under maxError: 1 % needs hundreds of clean decisions', () => {
    const settings = { ...DEFAULT_AUTO_DECIDE, audit: 0 };
    expect(gate(siteWith(decided(300, 'approved', low)), low, settings, never).decision).toBe('pending');
    const verdict = gate(siteWith(decided(500, 'approved', low)), low, settings, never);
    expect(verdict.decision).toBe('published');
    expect(verdict.estimate!.bound).toBeLessThanOrEqual(0.01);
    expect(verdict.message).toBe('published: remove 0.02 (≤ 0.008 error over 500 decisions)');
  });

  it('holds comments back where the site disagreed too often', () => {
    const site = siteWith(decided(970, 'approved', low), decided(30, 'rejected', low));
    const verdict = gate(site, low, { ...DEFAULT_AUTO_DECIDE, audit: 0 }, never);
    expect(verdict.decision).toBe('pending');
    expect(verdict.estimate?.error).toBeCloseTo(0.03, 3);
    expect(verdict.message).toMatch(/^pending: closest is published: remove 0\.02 \(≤ 0\.0\d+ error over 1,000 decisions\)/);
  });

  it('removes and marks spam only on the evidence of the site’s own removals and spam', () => {
    const site = siteWith(decided(400, 'rejected', toxic), decided(400, 'spam', { remove: 0.1, spam: 0.99 }));
    expect(gate(site, toxic, loose, never)).toMatchObject({ decision: 'rejected', auto: true });
    expect(gate(site, { remove: 0.1, spam: 0.995 }, loose, never)).toMatchObject({ decision: 'spam', auto: true });
    expect(gate(site, { remove: 0.3, spam: 0.3 }, loose, never).decision).toBe('pending');
  });

  it('acts as a threshold the site’s decisions support: surer comments pass it, doubtful ones beyond the evidence do not', () => {
    const site = siteWith(decided(500, 'approved', low));
    expect(gate(site, { remove: 0.01, spam: 0.01 }, loose, never).decision).toBe('published');
    expect(gate(site, { remove: 0.0001, spam: 0.0001 }, loose, never).decision).toBe('published');
    const doubtful = gate(site, { remove: 0.4, spam: 0.01 }, loose, never);
    expect(doubtful.decision).toBe('pending');
    expect(doubtful.message).toContain('too few comments of nearly this score');
  });

  it('does not stretch a threshold to where the site’s decisions turn', () => {
    const mixed = siteWith(
      decided(2000, 'approved', low),
      decided(40, 'approved', { remove: 0.3, spam: 0.01 }),
      decided(10, 'rejected', { remove: 0.3, spam: 0.01 }),
    );
    expect(gate(mixed, low, loose, never).decision).toBe('published');
    expect(gate(mixed, { remove: 0.3, spam: 0.01 }, loose, never).decision).toBe('pending');
  });

  it('keeps evidence per score source: the model’s record does not vouch for a provider’s scores', () => {
    const site = siteWith(decided(500, 'approved', low));
    const fromProvider: GateScores = { ...low, source: { remove: 'comprehend' } };
    expect(gate(site, fromProvider, loose, never).decision).toBe('pending');
    const taught = teach(site, decided(500, 'approved', fromProvider));
    expect(gate(taught, fromProvider, loose, never).decision).toBe('published');
    expect(gate(taught, { ...low, source: { remove: 'guardrails' } }, loose, never).decision).toBe('pending');
  });

  it('queues about the configured share of automatic decisions as audits, saying what it would have decided', () => {
    const site = siteWith(decided(500, 'approved', low));
    const random = seededRandom(7);
    const verdicts = Array.from({ length: 10_000 }, () => gate(site, low, { ...loose, audit: 0.1 }, random));
    const audits = verdicts.filter((v) => v.audit);
    expect(audits.length / verdicts.length).toBeGreaterThan(0.085);
    expect(audits.length / verdicts.length).toBeLessThan(0.115);
    for (const audit of audits) expect(audit).toMatchObject({ decision: 'pending', auto: true, automatic: 'published' });
    expect(audits[0]!.message).toMatch(/^audit of published: remove 0\.02/);
    expect(verdicts.filter((v) => !v.audit).every((v) => v.decision === 'published')).toBe(true);
  });
});
