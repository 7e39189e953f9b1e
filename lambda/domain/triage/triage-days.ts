/**
 * The Triage page's daily counters: what triage did on each day (UTC), as
 * counts the learner adds up from the comments table's stream. One item per
 * day, so the page reads the last 30 days with one bounded query.
 */
import type { DecidedExample, DecisionLabel } from './learning';
import { auditAgreed, type HumanDecision, originOf, type TriageRecord } from './triage-record';

export const TRIAGE_DAY_FIELDS = [
  // Comments as they arrived: decided by the gate, drawn for audit, left to a person, or decided by another rule.
  'autoPublished',
  'autoRejected',
  'autoSpam',
  'audits',
  'queued',
  'byRules',
  // People's decisions on audited comments, and on automatic decisions they reversed.
  'auditAgreed',
  'auditReversed',
  'reversals',
  // Examples taught, by label and by origin.
  'taughtApproved',
  'taughtRejected',
  'taughtSpam',
  'taughtModerator',
  'taughtAudit',
  'taughtReversal',
  'taughtImport',
] as const;

export type TriageDayField = (typeof TRIAGE_DAY_FIELDS)[number];
export type TriageDayCounts = Record<TriageDayField, number>;
/** Counts to add, by day (YYYY-MM-DD). */
export type DayIncrements = Record<string, Partial<TriageDayCounts>>;

/** What the learner reads from the stream: a comment arriving, or a person deciding one. */
export type TriageEvent =
  /** `status`: where the comment was stored (pending: a person decides). */
  { kind: 'arrived'; at: string; status: string; triage: TriageRecord } | { kind: 'decided'; at: string; decision: HumanDecision };

export const emptyDay = (): TriageDayCounts => Object.fromEntries(TRIAGE_DAY_FIELDS.map((field) => [field, 0])) as TriageDayCounts;

/** The UTC day of an ISO time. */
export const dayOf = (iso: string): string => iso.slice(0, 10);

const AUTO_FIELD = { published: 'autoPublished', rejected: 'autoRejected', spam: 'autoSpam' } as const;
const LABEL_FIELD: Record<DecisionLabel, TriageDayField> = {
  approved: 'taughtApproved',
  rejected: 'taughtRejected',
  spam: 'taughtSpam',
};
const ORIGIN_FIELD: Record<DecidedExample['origin'], TriageDayField> = {
  moderator: 'taughtModerator',
  audit: 'taughtAudit',
  reversal: 'taughtReversal',
  import: 'taughtImport',
};

function add(days: DayIncrements, day: string, field: TriageDayField, by = 1): void {
  const counts = (days[day] ??= {});
  counts[field] = (counts[field] ?? 0) + by;
}

/** The counters a batch of events adds, by day. */
export function dayIncrementsOf(events: readonly TriageEvent[]): DayIncrements {
  const days: DayIncrements = {};
  for (const event of events) {
    const day = dayOf(event.at);
    if (event.kind === 'arrived') {
      const { auto, audit } = event.triage;
      if (audit) add(days, day, 'audits');
      else if (auto) add(days, day, AUTO_FIELD[auto]);
      else if (event.status === 'pending') add(days, day, 'queued');
      // Published, rejected or spam without the gate: auto-approve, pre-moderation off, a ban, the honeypot…
      else add(days, day, 'byRules');
      continue;
    }
    const { decision } = event;
    const origin = originOf(decision);
    if (origin === 'audit') add(days, day, auditAgreed(decision) ? 'auditAgreed' : 'auditReversed');
    if (origin === 'reversal') add(days, day, 'reversals');
    add(days, day, LABEL_FIELD[decision.label]);
    add(days, day, ORIGIN_FIELD[origin]);
  }
  return days;
}

/** The counters of examples taught outside the stream (imported history), all on one day. */
export function taughtIncrements(day: string, examples: readonly DecidedExample[]): DayIncrements {
  const days: DayIncrements = {};
  for (const example of examples) {
    add(days, day, LABEL_FIELD[example.label]);
    add(days, day, ORIGIN_FIELD[example.origin]);
  }
  return days;
}
