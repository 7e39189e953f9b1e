/** The Triage page's figures: 30 days of counters, the automated share, and the audits' error with its bound. */
import { describe, expect, it } from 'vitest';
import { triageSummary, wilsonUpper } from '../../../lambda/domain/triage/triage-summary';
import { emptyDay, type TriageDayCounts } from '../../../lambda/domain/triage/triage-days';

const day = (d: string, counts: Partial<TriageDayCounts>) => ({ day: d, counts: { ...emptyDay(), ...counts } });
const now = new Date('2030-03-30T15:00:00.000Z');

describe('the triage summary', () => {
  it('adds up the 30 days ending today, leaving older days out, and gives every day of the window a point', () => {
    const summary = triageSummary(
      [
        day('2030-02-28', { autoPublished: 1000 }), // 31 days back: outside
        day('2030-03-01', { autoPublished: 60, autoSpam: 10, audits: 2, queued: 28, auditAgreed: 2 }),
        day('2030-03-30', { autoRejected: 5, queued: 15, byRules: 20, taughtApproved: 7, taughtModerator: 7 }),
      ],
      null,
      now,
    );
    expect(summary).toMatchObject({ from: '2030-03-01', to: '2030-03-30', triaged: 140, byRules: 20 });
    expect(summary.automatic).toEqual({ published: 60, rejected: 5, spam: 10, total: 75, share: 75 / 140 });
    expect(summary.taught).toEqual({
      total: 7,
      byLabel: { approved: 7, rejected: 0, spam: 0 },
      byOrigin: { moderator: 7, audit: 0, reversal: 0, import: 0 },
    });
    expect(summary.series).toHaveLength(30);
    expect(summary.series[0]).toEqual({ day: '2030-03-01', automatic: 70, audits: 2, queued: 28, byRules: 0 });
    expect(summary.series[1]).toEqual({ day: '2030-03-02', automatic: 0, audits: 0, queued: 0, byRules: 0 });
    expect(summary.series[29]).toEqual({ day: '2030-03-30', automatic: 5, audits: 0, queued: 15, byRules: 20 });
  });

  it('has no share and no error estimate before anything was triaged or audited', () => {
    const summary = triageSummary([], null, now);
    expect(summary.automatic.share).toBeNull();
    expect(summary.audits.error).toBeNull();
  });

  it('bounds the audits error conservatively: above the observed rate, tighter with more audits', () => {
    const few = triageSummary([day('2030-03-10', { audits: 20, auditAgreed: 19, auditReversed: 1 })], null, now).audits.error;
    const many = triageSummary([day('2030-03-10', { audits: 2000, auditAgreed: 1900, auditReversed: 100 })], null, now).audits.error;
    expect(few?.estimate).toBeCloseTo(0.05);
    expect(many?.estimate).toBeCloseTo(0.05);
    expect(few!.bound).toBeGreaterThan(many!.bound);
    expect(many!.bound).toBeGreaterThan(0.05);
    // Wilson's interval: no errors in 100 still leaves room for about 3.7 %.
    expect(wilsonUpper(0, 100)).toBeCloseTo(0.037, 3);
  });
});
