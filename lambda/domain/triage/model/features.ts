/**
 * What the triage model reads of a comment: hashed features, so the model is a
 * fixed-size array of weights and holds no text. Pure and fast (a 1 KB comment
 * in well under a millisecond); no weights are loaded here.
 *
 * - character 2- to 5-grams of the normalised text (NFKC, invisible characters
 *   removed, lower case, whitespace folded, a space at both ends so word starts
 *   and ends are n-grams of their own): they survive misspellings, evasions
 *   ("idi0t") and languages without spaces;
 * - words and word pairs;
 * - a few structural signals: links, contact details, repeated characters,
 *   share of capitals, length, the website field (presence and top-level
 *   domain) and the author's record (counts only).
 *
 * Never the author's name, email or address: TriageText does not carry them.
 */
import { countLinks } from '../../links';
import { withoutInvisible } from '../../text-patterns';
import type { TriageText } from '../learning';

/** The hash space of the shipped model: 2**18 weights per head. */
export const SHIPPED_BITS = 18;

/** A sparse vector: indices sorted ascending and unique, each in [0, 2**SHIPPED_BITS). */
export interface FeatureVector {
  indices: Uint32Array;
  values: Float32Array;
}

/** Longer texts are read up to here: enough for any comment the contract accepts, and bounded time. */
const MAX_CHARS = 5000;
const SIZE = 2 ** SHIPPED_BITS;

// Seeds keep the families apart: the word "ab" and the characters "ab" are different features.
const CHAR_SEED = 0x811c9dc5;
const WORD_SEED = 0x1b873593;
const SIGNAL_SEED = 0x5bd1e995;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const EMAIL_LIKE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.[\p{L}]{2,}/u;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{2,4}\)?[\s.-]?){2,4}\d{3,4}/g;
const MESSENGER = /\b(?:whats\s?app|telegram|wechat|viber|signal me|kik|snapchat|t\.me\/|wa\.me\/)|(?:^|\s)@[a-z0-9_]{5,}/iu;
const BARE_DOMAIN = /(?<![@\w.])(?:www\.)?[a-z0-9-]{2,}\.[a-z]{2,6}\/\S*/gi;
const CHARACTER_RUN = /(.)\1{3,}/u;

/** murmur3's finaliser: spreads FNV's low-entropy bits over the whole word. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix(h) % SIZE;
}

export function normalise(text: string): string {
  return ` ${withoutInvisible(text.slice(0, MAX_CHARS).normalize('NFKC')).toLowerCase().replace(/\s+/gu, ' ').trim()} `;
}

const bucket = (n: number, edges: readonly number[]): string => {
  let i = 0;
  while (i < edges.length && n >= edges[i]!) i++;
  if (i === 0) return edges[0] === 1 ? '0' : `<${edges[0]}`;
  if (i === edges.length) return `${edges[i - 1]}+`;
  return edges[i]! - edges[i - 1]! === 1 ? `${edges[i - 1]}` : `${edges[i - 1]}-${edges[i]! - 1}`;
};

/** Letters (characters with two cases) and capitals among them, without a regex per character. */
function caseCounts(text: string): { letters: number; capitals: number } {
  const lower = text.toLowerCase();
  const upper = text.toUpperCase();
  if (lower.length !== text.length || upper.length !== text.length) {
    return { letters: text.match(/\p{L}/gu)?.length ?? 0, capitals: text.match(/\p{Lu}/gu)?.length ?? 0 };
  }
  let letters = 0;
  let capitals = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const l = lower.charCodeAt(i);
    if (l !== upper.charCodeAt(i)) {
      letters++;
      if (c !== l) capitals++;
    }
  }
  return { letters, capitals };
}

/** The structural signals, by readable name (each is a feature of value 1). */
export function structuralSignals(input: TriageText, options: { record: boolean } = { record: true }): string[] {
  const text = input.text.slice(0, MAX_CHARS);
  const signals: string[] = [];
  const links = countLinks(text) + (text.replace(/https?:\/\/\S+/gi, ' ').match(BARE_DOMAIN)?.length ?? 0);
  if (links > 0) signals.push(links === 1 ? '1 link' : `${bucket(links, [2, 3, 5])} links`);
  if (text.includes('@') && EMAIL_LIKE.test(text)) signals.push('e-mail address in text');
  if ((text.match(PHONE) ?? []).some((m) => m.replace(/\D/g, '').length >= 9)) signals.push('phone number');
  if (MESSENGER.test(text)) signals.push('messenger handle');
  if (CHARACTER_RUN.test(text)) signals.push('repeated characters');
  const { letters, capitals } = caseCounts(text);
  if (letters >= 12) signals.push(`capitals ${bucket(Math.floor((capitals / letters) * 10) * 10, [10, 30, 60, 90])} %`);
  signals.push(`length ${bucket(text.length, [16, 64, 256, 1024])} chars`);
  if (input.url?.trim()) {
    signals.push('website given');
    const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#:\s]+)/i.exec(input.url.trim())?.[1] ?? '';
    const tld = /\.([a-z]{2,24})\.?$/i.exec(host)?.[1];
    if (tld) signals.push(`website .${tld.toLowerCase()}`);
  }
  if (options.record) {
    const record = input.record ?? { approved: 0, rejected: 0, spam: 0 };
    if (record.approved + record.rejected + record.spam === 0) signals.push('first comment');
    else {
      const edges = [1, 2, 5, 20];
      signals.push(`approved before ${bucket(record.approved, edges)}`);
      signals.push(`rejected before ${bucket(record.rejected, edges)}`);
      signals.push(`spam before ${bucket(record.spam, edges)}`);
    }
  }
  return signals;
}

/** Hashes every character 2- to 5-gram, incrementally: the n-gram at i extends the one of length n - 1. */
function charGrams(text: string, emit: (index: number, start: number, end: number) => void): void {
  for (let i = 0; i < text.length - 1; i++) {
    let h = CHAR_SEED;
    for (let n = 1; n <= 5 && i + n <= text.length; n++) {
      h = Math.imul(h ^ text.charCodeAt(i + n - 1), 0x01000193);
      if (n >= 2) emit(mix(h ^ n) % SIZE, i, i + n);
    }
  }
}

function wordGrams(text: string, emit: (index: number, name: string) => void): void {
  const words = text.match(WORD) ?? [];
  for (let i = 0; i < words.length; i++) {
    emit(hashString(WORD_SEED, words[i]!), `word "${words[i]}"`);
    if (i > 0) {
      const pair = `${words[i - 1]} ${words[i]}`;
      emit(hashString(WORD_SEED, pair), `words "${pair}"`);
    }
  }
}

/**
 * Sorts `raw` and folds it in place into unique indices with damped counts
 * (1 + log count), scaled to unit length. Returns how many it kept.
 */
function unitFamily(raw: Uint32Array, values: Float32Array): number {
  raw.sort();
  const damped = new Float64Array(raw.length);
  let kept = 0;
  let norm = 0;
  for (let i = 0; i < raw.length; ) {
    let j = i + 1;
    while (j < raw.length && raw[j] === raw[i]) j++;
    const value = 1 + Math.log(j - i);
    raw[kept] = raw[i]!;
    damped[kept++] = value;
    norm += value * value;
    i = j;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < kept; k++) values[k] = damped[k]! * scale;
  return kept;
}

interface Family {
  indices: Uint32Array;
  values: Float32Array;
  length: number;
}

/** The sum of sorted sparse families (colliding indices add up), as one sorted vector. */
function merge(families: readonly Family[]): FeatureVector {
  const size = families.reduce((n, f) => n + f.length, 0);
  const indices = new Uint32Array(size);
  const values = new Float32Array(size);
  const at = families.map(() => 0);
  let k = 0;
  for (;;) {
    let next = Number.POSITIVE_INFINITY;
    families.forEach((f, i) => {
      if (at[i]! < f.length && f.indices[at[i]!]! < next) next = f.indices[at[i]!]!;
    });
    if (next === Number.POSITIVE_INFINITY) break;
    let value = 0;
    families.forEach((f, i) => {
      // Summed in single precision, family by family: the vectors the weights were trained on.
      if (at[i]! < f.length && f.indices[at[i]!] === next) value = Math.fround(value + f.values[at[i]!++]!);
    });
    indices[k] = next;
    values[k++] = value;
  }
  return { indices: indices.slice(0, k), values: values.slice(0, k) };
}

/**
 * The model's input. Counts are damped (1 + log count) and each text family
 * (characters, words) is scaled to unit length, so a long comment does not
 * outweigh a short one; structural signals are 1.
 */
export function extractFeatures(input: TriageText, options: { record: boolean } = { record: true }): FeatureVector {
  const text = normalise(input.text);
  const chars = new Uint32Array(Math.max(0, 4 * text.length));
  let n = 0;
  charGrams(text, (index) => {
    chars[n++] = index;
  });
  const words: number[] = [];
  wordGrams(text, (index) => words.push(index));
  const wordIndices = Uint32Array.from(words);
  const charValues = new Float32Array(n);
  const wordValues = new Float32Array(wordIndices.length);
  const signals = Uint32Array.from(new Set(structuralSignals(input, options).map((s) => hashString(SIGNAL_SEED, s)))).sort();
  return merge([
    { indices: chars, values: charValues, length: unitFamily(chars.subarray(0, n), charValues) },
    { indices: wordIndices, values: wordValues, length: unitFamily(wordIndices, wordValues) },
    { indices: signals, values: new Float32Array(signals.length).fill(1), length: signals.length },
  ]);
}

/** Index → readable name of the input's features, for explanations only (slower than extractFeatures). */
export function featureNames(input: TriageText): Map<number, string> {
  const names = new Map<number, string>();
  const keep = (index: number, name: string) => {
    if (!names.has(index)) names.set(index, name);
  };
  const text = normalise(input.text);
  charGrams(text, (index, start, end) => {
    if (!names.has(index)) names.set(index, `chars "${text.slice(start, end)}"`);
  });
  wordGrams(text, keep);
  for (const signal of structuralSignals(input)) keep(hashString(SIGNAL_SEED, signal), signal);
  return names;
}
