/**
 * The triage's scores, one reason per kind the settings turn on: a cloud
 * provider's verdict, or the learned model's head with the signals that
 * weighed most, so moderators see why. Scores never remove a comment. A kind
 * that could not be scored holds the comment ("classifier unavailable").
 * With pre-moderation off, a score at or above its hold score (spam 0.5,
 * toxicity holdAt) holds it too; with "auto" the gate judges the scores.
 */
import { holdsAt } from '../triage/decision';
import type { Phase, PhaseOutcome } from './phase';
import { triageRun } from './triage-run';

export const learnedTriage: Phase = async (context) => {
  const run = await triageRun(context);
  if (!run) return undefined;
  const publishesUnlessHeld = (context.article.premoderation ?? context.settings.premoderation) === false;
  const toxicityHoldAt = context.settings.triage?.toxicity.holdAt ?? 1;
  return run.kinds.map(({ kind, reason, score }): PhaseOutcome => {
    if (score === null) return { hold: reason };
    return publishesUnlessHeld && holdsAt(kind, score, toxicityHoldAt) ? { hold: reason } : { note: reason };
  });
};
