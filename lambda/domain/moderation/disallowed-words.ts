/** A disallowed word in the text, name or website is spam, answered like any held comment. */
import { findWord } from './find-word';
import type { Phase } from './phase';

export const disallowedWords: Phase = ({ submission, settings }) => {
  const found = findWord(settings.disallowedWords, submission);
  return found ? { decide: 'spam', reason: { rule: 'disallowedWords', message: `disallowed word ${found}` } } : undefined;
};
