/**
 * Logistic regression on sparse vectors by AdaGrad with L2, deterministic: a
 * seeded shuffle per epoch and a fixed number of epochs, so the same data and
 * code give the same weights byte for byte.
 */
import type { Head } from '../../lambda/domain/triage/model/codec';
import type { FeatureVector } from '../../lambda/domain/triage/model/features';
import { seededRandom } from '../../lambda/domain/triage/site/random';

export interface LearnOptions {
  epochs: number;
  learningRate: number;
  /** L2 strength per example step, applied to the weights an example touches. */
  l2: number;
  seed: number;
}

export { seededRandom };

export const LEARN_OPTIONS: LearnOptions = { epochs: 8, learningRate: 0.1, l2: 1e-6, seed: 17 };

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export interface TrainingExample {
  x: FeatureVector;
  y: 0 | 1;
  weight: number;
}

export function learnHead(size: number, examples: readonly TrainingExample[], options: LearnOptions = LEARN_OPTIONS): Head {
  const weights = new Float32Array(size);
  const squares = new Float32Array(size);
  let bias = 0;
  let biasSquares = 0;
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const { x, y, weight } = examples[i]!;
      let z = bias;
      for (let k = 0; k < x.indices.length; k++) z += weights[x.indices[k]!]! * x.values[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const error = (p - y) * weight;
      for (let k = 0; k < x.indices.length; k++) {
        const j = x.indices[k]!;
        const g = error * x.values[k]! + options.l2 * weights[j]!;
        squares[j]! += g * g;
        weights[j]! -= (options.learningRate * g) / Math.sqrt(squares[j]! + 1e-8);
      }
      biasSquares += error * error;
      bias -= (options.learningRate * error) / Math.sqrt(biasSquares + 1e-8);
    }
  }
  return { weights, bias };
}

/** ROC AUC by ranks (ties share their rank): the chance a random positive scores above a random negative. */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  const order = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]![1] === 1) {
        positives++;
        rankSum += rank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
