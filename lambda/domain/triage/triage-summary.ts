/**
 * The Triage page's figures for the last 30 days, from the day counters:
 * how much the gate decided without a person, how often the audits found it
 * wrong (with a conservative bound), and what the site taught its model.
 */
import type { DecidedExample, DecisionLabel } from './learning';
import { emptyDay, type TriageDayCounts, TRIAGE_DAY_FIELDS } from './triage-days';

export const SUMMARY_DAYS = 30;

export type Origin = DecidedExample['origin'];

/** What the stored model says it was taught, all time (absent for a new site). */
export interface ModelSummary {
  version: number;
  savedAt: string | null;
  examples: Record<DecisionLabel, number>;
  byOrigin: Record<Origin, number>;
}

export interface TriageDay {
  day: string;
  automatic: number;
  audits: number;
  queued: number;
  byRules: number;
}

export interface TriageSummary {
  from: string;
  to: string;
  /** Comments the gate looked at. */
  triaged: number;
  /** Of those, published, rejected or marked spam by another rule (auto-approve, pre-moderation off, bans, …), not by the gate. */
  byRules: number;
  automatic: { published: number; rejected: number; spam: number; total: number; share: number | null };
  /** Automatic decisions drawn for a person to check, and what the people decided. */
  audits: {
    drawn: number;
    decided: number;
    agreed: number;
    reversed: number;
    /** The audited share found wrong, and its Wilson 95 % upper bound; null before any audit is decided. */
    error: { estimate: number; bound: number } | null;
  };
  /** Automatic decisions a moderator reversed outside an audit. */
  reversals: number;
  /** Examples taught in the 30 days. */
  taught: { total: number; byLabel: Record<DecisionLabel, number>; byOrigin: Record<Origin, number> };
  model: ModelSummary | null;
  /** Every day of the window, oldest first. */
  series: TriageDay[];
}

/** The upper end of the Wilson score interval (95 %) for k failures in n trials. */
export function wilsonUpper(k: number, n: number, z = 1.96): number {
  if (n === 0) return 1;
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.min(1, (centre + spread) / (1 + z2 / n));
}

const DAY_MS = 24 * 3600 * 1000;

/** The window's first and last day (UTC), ending today. */
export function summaryWindow(now: Date): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(to) - (SUMMARY_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function triageSummary(
  days: ReadonlyArray<{ day: string; counts: TriageDayCounts }>,
  model: ModelSummary | null,
  now: Date,
): TriageSummary {
  const { from, to } = summaryWindow(now);
  const inWindow = days.filter((d) => d.day >= from && d.day <= to);
  const total = emptyDay();
  for (const { counts } of inWindow) for (const field of TRIAGE_DAY_FIELDS) total[field] += counts[field];
  const byDay = new Map(inWindow.map((d) => [d.day, d.counts]));
  const series: TriageDay[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const c = byDay.get(day) ?? emptyDay();
    series.push({ day, automatic: c.autoPublished + c.autoRejected + c.autoSpam, audits: c.audits, queued: c.queued, byRules: c.byRules });
  }
  const automatic = total.autoPublished + total.autoRejected + total.autoSpam;
  const triaged = automatic + total.audits + total.queued + total.byRules;
  const decided = total.auditAgreed + total.auditReversed;
  return {
    from,
    to,
    triaged,
    byRules: total.byRules,
    automatic: {
      published: total.autoPublished,
      rejected: total.autoRejected,
      spam: total.autoSpam,
      total: automatic,
      share: share(automatic, triaged),
    },
    audits: {
      drawn: total.audits,
      decided,
      agreed: total.auditAgreed,
      reversed: total.auditReversed,
      error: decided === 0 ? null : { estimate: total.auditReversed / decided, bound: wilsonUpper(total.auditReversed, decided) },
    },
    reversals: total.reversals,
    taught: {
      total: total.taughtApproved + total.taughtRejected + total.taughtSpam,
      byLabel: { approved: total.taughtApproved, rejected: total.taughtRejected, spam: total.taughtSpam },
      byOrigin: { moderator: total.taughtModerator, audit: total.taughtAudit, reversal: total.taughtReversal, import: total.taughtImport },
    },
    model,
    series,
  };
}
