/**
 * Which moderator decisions go back to a provider that learns (Akismet):
 * a comment its verdict called spam that a moderator approved is ham, and a
 * comment it let through that a moderator marked spam is spam. Decisions
 * that agree with the verdict, and verdicts of other providers, send nothing.
 */
import type { ProviderName } from '../ports/classifier';
import type { Comment, CommentStatus, Reason } from '../comment';
import { SPAM_AT } from './decision';

export interface FeedbackCase {
  provider: ProviderName;
  report: 'spam' | 'ham';
}

/** The spam classifier's verdict recorded with the comment, if it scored it. */
function spamVerdict(reasons: readonly Reason[]): { provider: ProviderName; spam: boolean } | null {
  const reason = reasons.find((r) => r.rule === 'spam' && typeof r.score === 'number' && typeof r.provider === 'string');
  if (!reason || reason.score === undefined) return null;
  return { provider: reason.provider as ProviderName, spam: reason.score >= SPAM_AT };
}

/** A moderator moved the comment from `from` to `to`: what, if anything, contradicts the verdict. */
export function contradiction(comment: Pick<Comment, 'reasons'>, from: CommentStatus, to: CommentStatus): FeedbackCase | null {
  if (from === to) return null;
  const verdict = spamVerdict(comment.reasons);
  if (!verdict) return null;
  if (verdict.spam && to === 'approved') return { provider: verdict.provider, report: 'ham' };
  if (!verdict.spam && to === 'spam') return { provider: verdict.provider, report: 'spam' };
  return null;
}
