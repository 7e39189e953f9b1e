/**
 * What the submit path records on a comment about its triage (attribute
 * `triage` of the comment item), so that a moderator's later decision
 * becomes a training example with the right origin and the scores the gate
 * judged, and so the daily counters know what was automatic. Counts and
 * scores only: no email, no address, no name.
 */
import type { DecidedExample, DecisionLabel, GateDecision, TriageScores, TriageText } from './learning';

/** The comment item's attribute that holds the record. */
export const TRIAGE_ATTRIBUTE = 'triage';

/** Who produced a head's score the gate judged: a cloud provider's name; absent for the model's own. */
export interface ScoreSources {
  remove?: string;
  spam?: string;
}

export interface TriageRecord {
  /** The scores the gate judged when the comment arrived (before any person decided), and whose they were. */
  scores: TriageScores & { source?: ScoreSources };
  /** What the gate decided without a person; null when it left the comment to a person. */
  auto: Exclude<GateDecision, 'pending'> | null;
  /** The automatic decision was drawn for audit: the comment waits in the queue instead. */
  audit: boolean;
  /** The author's decided comments when the comment was scored (the model's input; counts only). */
  record?: TriageText['record'];
}

/** The status a decision label leaves a comment in, and the label a status teaches. */
const LABEL_OF_STATUS: Record<string, DecisionLabel | undefined> = { approved: 'approved', rejected: 'rejected', spam: 'spam' };
const LABEL_OF_GATE: Record<Exclude<GateDecision, 'pending'>, DecisionLabel> = {
  published: 'approved',
  rejected: 'rejected',
  spam: 'spam',
};

export const labelOfStatus = (status: string): DecisionLabel | undefined => LABEL_OF_STATUS[status];

/** Reads the record from a stored value; undefined for comments stored before triage learned (or malformed values). */
export function triageRecordOf(value: unknown): TriageRecord | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const scores = v.scores as Record<string, unknown> | undefined;
  if (typeof scores?.remove !== 'number' || typeof scores?.spam !== 'number') return undefined;
  const auto = v.auto === 'published' || v.auto === 'rejected' || v.auto === 'spam' ? v.auto : null;
  const r = v.record as Record<string, unknown> | undefined;
  const record =
    r && typeof r === 'object'
      ? { approved: Number(r.approved ?? 0), rejected: Number(r.rejected ?? 0), spam: Number(r.spam ?? 0) }
      : undefined;
  const s = scores.source as Record<string, unknown> | undefined;
  const source: ScoreSources = {
    ...(typeof s?.remove === 'string' ? { remove: s.remove } : {}),
    ...(typeof s?.spam === 'string' ? { spam: s.spam } : {}),
  };
  return {
    scores: { remove: scores.remove, spam: scores.spam, ...(Object.keys(source).length ? { source } : {}) },
    auto,
    audit: v.audit === true,
    ...(record ? { record } : {}),
  };
}

/** A person's decision on a comment: what the learner turns into an example. */
export interface HumanDecision {
  text: string;
  url: string | null;
  label: DecisionLabel;
  /** The comment's triage record, when it has one. */
  triage?: TriageRecord;
}

/**
 * Where a decision's example comes from: an audited comment's decision is an
 * audit (agreeing or not: audits are the unbiased sample the error estimate
 * rests on); a decision against what the gate decided is a reversal; any
 * other a moderator's.
 */
export function originOf(decision: Pick<HumanDecision, 'label' | 'triage'>): DecidedExample['origin'] {
  const triage = decision.triage;
  if (triage?.audit) return 'audit';
  if (triage?.auto && LABEL_OF_GATE[triage.auto] !== decision.label) return 'reversal';
  return 'moderator';
}

/** Whether an audited comment's decision agreed with the gate's automatic one. */
export const auditAgreed = (decision: Pick<HumanDecision, 'label' | 'triage'>): boolean =>
  decision.triage?.auto ? LABEL_OF_GATE[decision.triage.auto] === decision.label : false;

/** The example a person's decision teaches. */
export function exampleOf(decision: HumanDecision): DecidedExample {
  return {
    input: { text: decision.text, url: decision.url, ...(decision.triage?.record ? { record: decision.triage.record } : {}) },
    label: decision.label,
    // With its sources: the gate keeps evidence per score source, so a provider's score never vouches for the model's.
    ...(decision.triage ? { scoresAtDecision: decision.triage.scores } : {}),
    origin: originOf(decision),
  };
}
