/**
 * Is this comment English? Amazon Comprehend's toxicity detection reads
 * English only, so anything else goes to `builtin` instead. A cheap,
 * offline guess (no extra API call): mostly Latin letters, and enough of
 * the most common English words. Short comments with no clue count as
 * English, which is what most comments on an English-language site are.
 */
const COMMON = new Set(
  'the a an and or but of to in on at for with by from is are was were be been it this that these those he she they we you i not no do does did have has had will would can could should what who why how all any more most very just so if as than then there their his her our your my me him them us'.split(
    ' ',
  ),
);

export function looksEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return true;
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  if (latin / letters.length < 0.7) return false;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 4) return true;
  const common = words.filter((w) => COMMON.has(w)).length;
  return common / words.length >= 0.12;
}
