/**
 * Profanity and slurs, with `obscenity` (MIT; its English list comes from
 * the `cuss` project) doing the evasions it knows: leetspeak, look-alike
 * letters, repeated letters ("fuuuck", "sh1t", "ｆｕｃｋ"). Spaced letters are
 * joined first (`revealWords`).
 *
 * News vocabulary is not abuse: words a report needs ("rape", "sex",
 * "porn", "incest", body parts, "Hooker" the surname, "cum laude") are
 * removed from the list, and "Dick" with a capital is a name.
 *
 * `obscenity` builds its word list when it is first evaluated (tens of
 * milliseconds on a cold start), so it is imported on first use.
 */

interface WordMeta {
  originalWord?: string;
}

/** Words of reports, medicine and names, not of abuse. */
const NEWS_WORDS = new Set([
  'anal',
  'anus',
  'bestiality',
  'boob',
  'cum',
  'dick',
  'ejaculate',
  'hooker',
  'incest',
  'masturbate',
  'orgasm',
  'penis',
  'piss',
  'porn',
  'rape',
  'scat',
  'semen',
  'sex',
  'vagina',
]);

/** Slurs against a group: reported as "hate", not mere profanity. */
export const SLURS: ReadonlySet<string> = new Set([
  'abo',
  'abeed',
  'africoon',
  'arabush',
  'boonga',
  'chingchong',
  'chink',
  'fag',
  'kike',
  'negro',
  'nigger',
  'tranny',
]);

/** Whole words that contain a listed word but are innocent. */
const INNOCENT_WORDS =
  /^(cock(pit|pits|tail|tails|erel|erels|ney|roach|roaches)|peacocks?|hancock|shiitake|titl\w*|titan\w*|tit-for-tat|scunthorpe|arsenal)$/;

export interface ProfanityHit {
  word: string;
  slur: boolean;
}

export interface ProfanityFinder {
  /** Profanity in `revealed` (the output of `revealWords`); `original` decides capitalised names. */
  find(revealed: string, original: string): ProfanityHit[];
}

// Letters starred out, which obscenity does not undo for every word: "c*nt", "sh*t", "b**ch".
export const STARRABLE: readonly string[] = [
  'fuck',
  'cunt',
  'shit',
  'bullshit',
  'bitch',
  'twat',
  'prick',
  'wank',
  'bastard',
  'asshole',
  'cock',
  'whore',
  'slut',
];
// Letters swapped: "cnuts" (plural only: King Cnut is history, not abuse).
const TRANSPOSED = /(?<![\p{L}])cnuts(?![\p{L}])/gu;
// Censored by the writer: "f***", "f-ing", "sh**".
const MINCED = /(?<![\p{L}])(?:f[*#@$%!]{2,}k?(?:ing|in'?|ed|er)?|f-+(?:ing|in'?|ed|er)|sh[*]{2,}|c[*]{3})(?![\p{L}])/gu;
/** "shit" -> `s[h*][i*]t`: the inner letters may be starred. */
export const starredSource = (word: string) => word[0] + [...word.slice(1, -1)].map((c) => `[${c}*]`).join('') + word.slice(-1);
const STARRED = new RegExp(`(?<![\\p{L}*])(?:${STARRABLE.map(starredSource).join('|')})`, 'gu');

let loading: Promise<ProfanityFinder> | undefined;

export function loadProfanityFinder(): Promise<ProfanityFinder> {
  if (!loading) {
    loading = import('obscenity').then(createFinder);
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

function createFinder({
  DataSet,
  englishDataset,
  englishRecommendedTransformers,
  RegExpMatcher,
}: typeof import('obscenity')): ProfanityFinder {
  const dataset = new DataSet<WordMeta>().addAll(englishDataset).removePhrasesIf((p) => NEWS_WORDS.has(p.metadata?.originalWord ?? ''));
  const matcher = new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers });
  return {
    find(revealed, original) {
      const hits: ProfanityHit[] = [];
      for (const match of matcher.getAllMatches(revealed, true)) {
        const word = dataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord ?? '';
        if (INNOCENT_WORDS.test(wholeWordAt(revealed, match.startIndex))) continue;
        hits.push({ word, slur: SLURS.has(word) });
      }
      for (const m of revealed.matchAll(STARRED)) if (m[0].includes('*')) hits.push({ word: m[0], slur: false });
      for (const m of revealed.matchAll(MINCED)) hits.push({ word: m[0], slur: false });
      for (const _ of revealed.matchAll(TRANSPOSED)) hits.push({ word: 'cunt', slur: false });
      // "dick" as an insult ("you dick", "dickhead"), never "Dick Cheney" or "Philip K. Dick".
      for (const _ of original.matchAll(/(?<![\p{L}])(dick|DICK)(head|s)?(?![\p{L}])/gu)) hits.push({ word: 'dick', slur: false });
      return hits;
    },
  };
}

function wholeWordAt(text: string, index: number): string {
  let start = index;
  let end = index;
  while (start > 0 && /[\p{L}-]/u.test(text[start - 1]!)) start--;
  while (end < text.length && /[\p{L}-]/u.test(text[end]!)) end++;
  return text.slice(start, end);
}
