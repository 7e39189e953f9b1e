/**
 * Undoes the usual ways of hiding a word from a filter, on top of the word
 * lists' normalisation (`normaliseForMatching`: look-alike letters, accents,
 * invisible characters, fullwidth forms):
 *
 *  - letters spaced or dotted apart: "i d i o t", "s.h.i.t", "f-u-c-k";
 *  - leetspeak inside a word: "1d10t", "m0r0n", "l0$er";
 *  - letters repeated for effect: "iiiidiot", "stuuuupid" (three or more
 *    become one, so "too" and "kill" survive).
 *
 * The result is for matching only; it is never shown or stored.
 */
import { normaliseForMatching } from '../words';

// Three or more single letters (or leet symbols) separated by one space, dot, dash, underscore or asterisk.
const SPACED_LETTERS = /(?<![\p{L}\p{N}])(?:[\p{L}\d@$](?:[ ._\-*]|\. )){2,}[\p{L}\d@$](?![\p{L}\p{N}])/gu;
const SEPARATORS = /[ ._\-*]/g;
// A word with at least one letter and at least one leet symbol inside or at its end.
const LEET_WORD = /[\p{L}\d@$!|]*\p{L}[\p{L}\d@$!|]*/gu;
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};
const LEET_SYMBOL = /[0134578@$!|]/g;
const REPEATED = /(\p{L})\1{2,}/gu;

export function revealWords(text: string): string {
  return normaliseForMatching(text)
    .replace(SPACED_LETTERS, (run) => run.replace(SEPARATORS, ''))
    .replace(LEET_WORD, (word) => (/\d/.test(word) && /^\d+(st|nd|rd|th|s|m|k|am|pm)$/.test(word) ? word : decodeLeet(word)))
    .replace(REPEATED, '$1');
}

function decodeLeet(word: string): string {
  // A trailing "!" is punctuation ("idiot!"), not an "i".
  const body = word.replace(/!+$/, '');
  return body.replace(LEET_SYMBOL, (c) => LEET[c] ?? c) + word.slice(body.length);
}
