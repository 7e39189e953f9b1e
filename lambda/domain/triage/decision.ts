/**
 * What a verdict means for a comment, and the reason recorded with it
 * (the contract's "Automated triage": every verdict is a reason with its
 * score and provider, also when the comment was published).
 *
 * A verdict only ever holds a comment for a person: a fixed threshold on a
 * guess removed civil comments nobody saw ("$10.50 an hour" read as spam, a
 * surname read as a slur). Removing without a person is the gate's alone.
 */
import type { ClassifierKind, ProviderName, Verdict } from '../../ports/classifier';
import type { ClassifierOutcome } from './run-classifier';

export interface ToxicityThresholds {
  holdAt: number;
  rejectAt: number;
}

export const DEFAULT_THRESHOLDS: ToxicityThresholds = { holdAt: 0.5, rejectAt: 0.9 };

/** A spam verdict at or above this score holds the comment for a person. */
export const SPAM_AT = 0.5;

/** Held for a person, or null to let the later phases decide. */
export type TriageStatus = 'pending' | null;

export interface TriageReason {
  rule: ClassifierKind;
  message: string;
  score?: number;
  provider?: ProviderName;
}

/**
 * Whether a verdict holds the comment; null lets the later phases decide. A
 * failed classifier holds. A toxicity score at or above holdAt holds (and so
 * does one at or above rejectAt, which is never below holdAt).
 */
export function statusFor(kind: ClassifierKind, outcome: ClassifierOutcome, thresholds = DEFAULT_THRESHOLDS): TriageStatus {
  if (!outcome.ok) return 'pending';
  const { score } = outcome.verdict;
  const holdAt = kind === 'spam' ? SPAM_AT : thresholds.holdAt;
  return score >= holdAt ? 'pending' : null;
}

/** e.g. `{ rule: "toxicity", message: "toxicity 0.93 (builtin): insult", score: 0.93, provider: "builtin" }`. */
export function reasonFor(kind: ClassifierKind, outcome: ClassifierOutcome): TriageReason {
  if (!outcome.ok) return { rule: kind, message: outcome.message };
  const v: Verdict = outcome.verdict;
  const score = Math.round(v.score * 100) / 100;
  const extras = [v.discard ? 'discard' : '', v.note ?? ''].filter(Boolean).join('; ');
  const message = `${kind} ${score.toFixed(2)} (${v.provider}): ${v.signal}${extras ? ` (${extras})` : ''}`;
  return { rule: kind, message, score, provider: v.provider };
}
