/**
 * Word lists (disallowed words, moderation words): matching that look-alike
 * tricks cannot slip past. Text and list entries go through the same
 * `normaliseForMatching`, so a match is decided on what a reader sees:
 *
 *  1. NFKC: fullwidth "ｖｉａｇｒａ", mathematical "𝐯𝐢𝐚𝐠𝐫𝐚", ligatures and
 *     circled letters become plain letters.
 *  2. Invisible characters (Unicode Default_Ignorable_Code_Point: zero-width
 *     spaces and joiners, soft hyphens, variation selectors) are removed, so
 *     "via\u200Bgra" is "viagra".
 *  3. Lower case, and "ß" as "ss".
 *  4. Non-spacing and enclosing combining marks are removed (NFD first), so
 *     accents and "Zalgo" stacks do not hide a word: "víágrà" is "viagra".
 *  5. Cyrillic and Greek letters that look like Latin ones are read as
 *     Latin ("vіаgrа" with Cyrillic і and а is "viagra").
 *  6. Runs of white space are one space, so phrases match across line breaks.
 *
 * Not normalised (a deliberate limit, to avoid false positives): digits for
 * letters ("v1agra") and separators between letters ("v.i.a.g.r.a").
 *
 * Entry syntax: `word` matches whole words only; `*word*` anywhere, even
 * inside a longer word; `word*` at the start of a word; `*word` at its end.
 */

import { withoutInvisible } from './text-patterns';

const MARKS = /[\p{Mn}\p{Me}]/gu;
const SPACES = /\s+/gu;

/** Letters of other scripts that render like a Latin letter (a subset of Unicode's confusables.txt). */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic (lower case; upper-case look-alikes arrive here lower-cased)
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ѵ: 'v',
  ү: 'y',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  // Latin look-alikes NFKC keeps
  ı: 'i',
  ɑ: 'a',
  ɡ: 'g',
  ß: 'ss',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

export function normaliseForMatching(text: string): string {
  return withoutInvisible(text.normalize('NFKC'))
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .normalize('NFC')
    .replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c] ?? c)
    .replace(SPACES, ' ');
}

export interface WordEntry {
  /** The entry as configured, e.g. "*casino*". */
  entry: string;
  /** The normalised text it looks for. */
  core: string;
  mode: 'word' | 'substring' | 'prefix' | 'suffix';
}

/** Reads one list entry; null when nothing is left to match (e.g. "**"). */
export function parseEntry(entry: string): WordEntry | null {
  const trimmed = entry.trim();
  const starts = trimmed.startsWith('*');
  const ends = trimmed.length > 1 && trimmed.endsWith('*');
  const core = normaliseForMatching(trimmed.slice(starts ? 1 : 0, ends ? -1 : undefined)).trim();
  if (core === '' || core.includes('*')) return null;
  const mode = starts && ends ? 'substring' : starts ? 'suffix' : ends ? 'prefix' : 'word';
  return { entry: trimmed, core, mode };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A word boundary that knows every script: not next to a letter or digit.
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])';
const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])';

function pattern({ core, mode }: WordEntry): string {
  const body = escapeRegExp(core);
  const before = mode === 'word' || mode === 'prefix' ? NOT_AFTER_WORD : '';
  const after = mode === 'word' || mode === 'suffix' ? NOT_BEFORE_WORD : '';
  return `${before}(${body})${after}`;
}

export interface WordMatcher {
  /** The entry whose match comes first in `text`, or null. */
  find(text: string): string | null;
}

const NO_MATCH: WordMatcher = { find: () => null };

/** One regular expression for the whole list (one pass over the text), with a group per entry. */
export function compileWordList(entries: readonly string[]): WordMatcher {
  const parsed = entries.map(parseEntry).filter((e): e is WordEntry => e !== null);
  if (parsed.length === 0) return NO_MATCH;
  const regex = new RegExp(parsed.map(pattern).join('|'), 'u');
  return {
    find(text) {
      const match = regex.exec(normaliseForMatching(text));
      if (!match) return null;
      const group = match.findIndex((value, i) => i > 0 && value !== undefined);
      return parsed[group - 1]?.entry ?? null;
    },
  };
}

// Settings objects are reused while cached, so their lists compile once.
const compiled = new WeakMap<readonly string[], WordMatcher>();
export function wordMatcher(entries: readonly string[]): WordMatcher {
  let matcher = compiled.get(entries);
  if (!matcher) {
    matcher = compileWordList(entries);
    compiled.set(entries, matcher);
  }
  return matcher;
}
