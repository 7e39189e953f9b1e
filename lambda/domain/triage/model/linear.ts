/**
 * A linear model over hashed features, two heads: `remove` (a moderator would
 * reject it) and `spam`. Scores are sigmoid(bias + w·x); each feature's share
 * of the log-odds is exactly its weight times its value, which is what the
 * moderator's "why" shows. Holds no weights itself (see shipped.ts).
 */
import type { TriageScores, TriageSignal, TriageText } from '../learning';
import type { Head } from './codec';
import { type FeatureVector, featureNames } from './features';

export type { Head } from './codec';

export interface LinearModel {
  bits: number;
  remove: Head;
  spam: Head;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function dot(head: Head, x: FeatureVector): number {
  let z = head.bias;
  for (let i = 0; i < x.indices.length; i++) z += head.weights[x.indices[i]!]! * x.values[i]!;
  return z;
}

/** The log-odds of each head. */
export function logits(model: LinearModel, x: FeatureVector): TriageScores {
  return { remove: dot(model.remove, x), spam: dot(model.spam, x) };
}

export function probabilities(model: LinearModel, x: FeatureVector): TriageScores {
  const z = logits(model, x);
  return { remove: sigmoid(z.remove), spam: sigmoid(z.spam) };
}

/**
 * The n features that moved the scores most (by absolute contribution to a
 * head's log-odds), named readably. Hash collisions can give one index two
 * names: the first one this comment produced is shown.
 */
export function topSignals(model: LinearModel, input: TriageText, x: FeatureVector, n = 5): TriageSignal[] {
  return explain(input, x, (head, index) => model[head].weights[index]!, n);
}

/**
 * The same for any weights, e.g. the shipped model's plus a site's own:
 * `weightOf(head, index)` is the weight of feature `index` in that head.
 */
export function explain(
  input: TriageText,
  x: FeatureVector,
  weightOf: (head: keyof TriageScores, index: number) => number,
  n = 5,
): TriageSignal[] {
  const names = featureNames(input);
  const all: TriageSignal[] = [];
  for (const head of ['remove', 'spam'] as const) {
    for (let i = 0; i < x.indices.length; i++) {
      const weight = weightOf(head, x.indices[i]!) * x.values[i]!;
      if (weight !== 0) all.push({ head, feature: names.get(x.indices[i]!) ?? `feature ${x.indices[i]}`, weight });
    }
  }
  return all.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, n);
}
