/** A moderation word in the text, name or website holds the comment for review. */
import { findWord } from './find-word';
import type { Phase } from './phase';

export const moderationWords: Phase = ({ submission, settings }) => {
  const found = findWord(settings.moderationWords, submission);
  return found ? { hold: { rule: 'moderationWords', message: `moderation word ${found}` } } : undefined;
};
