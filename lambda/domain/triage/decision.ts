/**
 * What a verdict means for a comment, and the reason recorded with it
 * (the contract's "Automated triage": every verdict is a reason with its
 * score and provider, also when the comment was published).
 *
 * A verdict only ever holds a comment for a person: a fixed threshold on a
 * guess removed civil comments nobody saw ("$10.50 an hour" read as spam, a
 * surname read as a slur). Removing without a person is the gate's alone.
 */
import type { ClassifierKind, ProviderName, Verdict } from '../ports/classifier';
import type { ClassifierOutcome } from './run-classifier';

/** A spam score at or above this holds the comment for a person where pre-moderation is off. */
export const SPAM_AT = 0.5;

export interface TriageReason {
  rule: ClassifierKind;
  message: string;
  score?: number;
  provider?: ProviderName;
}

/** Whether a score holds the comment where pre-moderation is off: spam at SPAM_AT, toxicity (remove) at the site's holdAt. */
export const holdsAt = (kind: ClassifierKind, score: number, toxicityHoldAt: number): boolean =>
  score >= (kind === 'spam' ? SPAM_AT : toxicityHoldAt);

/** e.g. `{ rule: "toxicity", message: "toxicity 0.93 (builtin): insult", score: 0.93, provider: "builtin" }`. */
export function reasonFor(kind: ClassifierKind, outcome: ClassifierOutcome): TriageReason {
  if (!outcome.ok) return { rule: kind, message: outcome.message };
  const v: Verdict = outcome.verdict;
  const score = Math.round(v.score * 100) / 100;
  const extras = [v.discard ? 'discard' : '', v.note ?? ''].filter(Boolean).join('; ');
  const message = `${kind} ${score.toFixed(2)} (${v.provider}): ${v.signal}${extras ? ` (${extras})` : ''}`;
  return { rule: kind, message, score, provider: v.provider };
}
