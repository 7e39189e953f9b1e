/**
 * What a verdict means for a comment, and the reason recorded with it
 * (the contract's "Automated triage": every verdict is a reason with its
 * score and provider, also when the comment was published).
 */
import type { ClassifierKind, ProviderName, Verdict } from '../../ports/classifier';
import type { ClassifierOutcome } from './run-classifier';

export interface ToxicityThresholds {
  holdAt: number;
  rejectAt: number;
}

export const DEFAULT_THRESHOLDS: ToxicityThresholds = { holdAt: 0.5, rejectAt: 0.9 };

/** A spam verdict at or above this score marks the comment as spam. */
export const SPAM_AT = 0.5;

export type TriageStatus = 'spam' | 'rejected' | 'pending' | null;

export interface TriageReason {
  rule: ClassifierKind;
  message: string;
  score?: number;
  provider?: ProviderName;
}

/** The status a verdict asks for; null lets the later phases decide. A failed classifier holds. */
export function statusFor(kind: ClassifierKind, outcome: ClassifierOutcome, thresholds = DEFAULT_THRESHOLDS): TriageStatus {
  if (!outcome.ok) return 'pending';
  const { score } = outcome.verdict;
  if (kind === 'spam') return score >= SPAM_AT ? 'spam' : null;
  if (score >= thresholds.rejectAt) return 'rejected';
  if (score >= thresholds.holdAt) return 'pending';
  return null;
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
