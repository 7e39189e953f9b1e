/**
 * The one place the site's part meets the shipped model: its features, its
 * prior log-odds and the readable names of its features. Everything in site/
 * reaches the shipped model through here.
 *
 * TEMPORARY stand-in until the shipped model lands: word and character
 * trigram hashes with a zero prior.
 */
import type { TriageText } from '../learning';

export const SHIPPED_BITS = 18;

export interface FeatureVector {
  indices: Uint32Array;
  values: Float32Array;
}

export interface PriorLogits {
  remove: number;
  spam: number;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % 2 ** SHIPPED_BITS;
}

function featureStrings(input: TriageText): string[] {
  const text = input.text.normalize('NFKC').toLowerCase();
  const out = text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `word "${w}"`);
  for (let i = 0; i + 3 <= text.length; i++) out.push(`chars "${text.slice(i, i + 3)}"`);
  return out;
}

export function extractFeatures(input: TriageText): FeatureVector {
  const counts = new Map<number, number>();
  for (const f of featureStrings(input)) counts.set(hash(f), (counts.get(hash(f)) ?? 0) + 1);
  const indices = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
  const norm = Math.sqrt(indices.length || 1);
  const values = Float32Array.from(indices, (i) => (counts.get(i) ?? 0) / norm);
  return { indices, values };
}

export function featureNames(input: TriageText): Map<number, string> {
  return new Map(featureStrings(input).map((f) => [hash(f), f]));
}

export function priorLogits(_x: FeatureVector): PriorLogits {
  return { remove: -2, spam: -2 };
}

/** The shipped model's own contribution of each feature to a head, for explanations. */
export function priorWeight(_head: keyof PriorLogits, _index: number): number {
  return 0;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
