import { wordMatcher } from '../words';
import type { PolicyInput } from './phase';

/** `"casino" in the text` for the first listed word found in the text, name or website. */
export function findWord(list: readonly string[], submission: PolicyInput['submission']): string | null {
  if (list.length === 0) return null;
  const matcher = wordMatcher(list);
  const fields: Array<[string, string | null]> = [
    ['the text', submission.comment],
    ['the name', submission.author],
    ['the website', submission.url],
  ];
  for (const [where, value] of fields) {
    const entry = value ? matcher.find(value) : null;
    if (entry) return `"${entry}" in ${where}`;
  }
  return null;
}
