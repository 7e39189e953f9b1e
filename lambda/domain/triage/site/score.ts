/**
 * Scoring a comment for the gate: the shipped prior plus the site's part, or a
 * cloud provider's score for the heads it answered (the gate then calibrates
 * the provider's score on the site's decisions, as it does the model's).
 */
import type { TriageScores, TriageSignal, TriageText } from '../learning';
import type { GateScores, ScoreSources } from './evidence';
import { combinedLogits, type Head, HEADS, probabilities, type SiteModel } from './model';
import { extractFeatures, type FeatureVector, featureNames, type Prior, shippedPrior } from './prior';

/** A provider's answer: a probability per head it scores, and its name (the gate's evidence is kept per name). */
export type ProviderScores = Partial<TriageScores> & { name?: string };

export interface ScoredComment {
  /** What the gate judges: the provider's score for the heads it answered, the model's for the rest. */
  scores: GateScores;
  /** The model's own scores (prior plus site), shown to moderators and used by the queue's risk sort. */
  modelScores: TriageScores;
  /** The features that weighed most in the model's scores, strongest first. */
  signals: TriageSignal[];
}

const SIGNALS_PER_HEAD = 3;

const isProbability = (p: unknown): p is number => typeof p === 'number' && p >= 0 && p <= 1;

/** Exact linear contributions (shipped plus site weight, times the feature's value) of the strongest features. */
function strongest(site: SiteModel | null, input: TriageText, x: FeatureVector, prior: Prior): TriageSignal[] {
  const names = featureNames(input);
  const signals: TriageSignal[] = [];
  for (const head of HEADS) {
    const own = site?.[head].weights;
    const mask = own ? own.length - 1 : 0;
    const found: TriageSignal[] = [];
    for (let k = 0; k < x.indices.length; k++) {
      const index = x.indices[k]!;
      const weight = (prior[head].weights[index]! + (own ? own[index & mask]! : 0)) * x.values[k]!;
      const feature = names.get(index);
      if (feature && weight !== 0) found.push({ head, feature, weight: Math.round(weight * 1000) / 1000 });
    }
    signals.push(...found.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, SIGNALS_PER_HEAD));
  }
  return signals.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
}

export function scoreComment(
  site: SiteModel | null,
  input: TriageText,
  provider?: ProviderScores,
  prior: Prior = shippedPrior(),
): ScoredComment {
  const x = extractFeatures(input);
  const modelScores = probabilities(combinedLogits(site, x, prior));
  const scores: GateScores = { ...modelScores };
  const source: ScoreSources = {};
  for (const head of HEADS satisfies readonly Head[]) {
    const answered = provider?.[head];
    if (isProbability(answered)) {
      scores[head] = answered;
      source[head] = provider?.name ?? 'provider';
    }
  }
  if (source.remove || source.spam) scores.source = source;
  return { scores, modelScores, signals: strongest(site, input, x, prior) };
}
