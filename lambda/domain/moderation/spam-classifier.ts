/** The spam classifier the settings name: spam → status spam; a failure holds; otherwise its score is noted. */
import { reasonFor, statusFor } from '../triage/decision';
import { classify } from './classify';
import type { Phase } from './phase';

export const spamClassifier: Phase = async (context) => {
  const choice = context.settings.triage?.spam;
  if (!choice?.provider) return undefined;
  const outcome = await classify('spam', choice.provider, context, choice.sendPersonalData);
  const reason = reasonFor('spam', outcome);
  const status = statusFor('spam', outcome);
  if (status === 'spam') return { decide: 'spam', reason };
  if (status === 'pending') return { hold: reason };
  return { note: reason };
};
