/** The spam classifier the settings name: a spam verdict or a failure holds (never removes); otherwise its score is noted. */
import { reasonFor, statusFor } from '../triage/decision';
import { classify } from './classify';
import type { Phase } from './phase';

export const spamClassifier: Phase = async (context) => {
  const choice = context.settings.triage?.spam;
  if (!choice?.provider) return undefined;
  const outcome = await classify('spam', choice.provider, context, choice.sendPersonalData);
  const reason = reasonFor('spam', outcome);
  return statusFor('spam', outcome) === 'pending' ? { hold: reason } : { note: reason };
};
