/**
 * The toxicity classifier the settings name: a score at or above holdAt
 * holds for a person (never removes), below is noted (so the score shows
 * also on a published comment); a failure holds.
 */
import { reasonFor, statusFor } from '../triage/decision';
import { classify } from './classify';
import type { Phase } from './phase';

export const toxicityClassifier: Phase = async (context) => {
  const choice = context.settings.triage?.toxicity;
  if (!choice?.provider) return undefined;
  // Only Akismet takes personal data; no toxicity provider is sent any.
  const outcome = await classify('toxicity', choice.provider, context, false);
  const reason = reasonFor('toxicity', outcome);
  return statusFor('toxicity', outcome, choice) === 'pending' ? { hold: reason } : { note: reason };
};
