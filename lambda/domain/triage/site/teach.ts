/**
 * Teaching the site's part: online logistic regression (AdaGrad, with L2
 * pulling the site's weights back towards the shipped prior) on the site's
 * decided comments, in the order they were decided. Before learning each
 * example, its score is counted as the gate's evidence (test-then-train).
 */
import type { DecidedExample, DecisionLabel } from '../learning';
import { type GateScores, pruneTables, newTable, record, risk, tableKeys } from './evidence';
import { combinedLogits, type Head, HEADS, type Origin, type SiteHead, type SiteModel } from './model';
import { roundToStored } from './quantise';
import { extractFeatures, type FeatureVector, type Prior, shippedPrior, sigmoid } from './prior';

/**
 * The service's learning schedule: the learner teaches the site model once
 * per this many decisions (fewer when a quiet spell closes the batch first).
 * The command line's replay reveals labels on the same schedule.
 */
export const LEARNING_BATCH = 20;

/**
 * AdaGrad's step per head. Spam comes in campaigns of near-identical
 * comments, so its head learns fast; what a site removes as rude is more
 * diffuse, and a large step there lets a few decisions swing the scores of
 * many civil comments. Chosen by replaying sources that are not reported
 * (SMS and Telegram spam, Wikipedia talk pages, Danish comments), each on a
 * prior trained without it: a spam step of 2 let the spam side decide more of
 * both spam sources than 0.4, 0.7 or 1, with publishing no less sure.
 */
const STEP: Record<Head, number> = { remove: 0.1, spam: 2 };
const L2 = 1e-4;

/**
 * What each label teaches each head. A rejected comment says nothing about
 * spam (moderators reject spam too), and spam says nothing about whether the
 * same words from a person would be removed: those heads are left untaught.
 */
const TARGETS: Record<DecisionLabel, Partial<Record<Head, number>>> = {
  approved: { remove: 0, spam: 0 },
  rejected: { remove: 1 },
  spam: { spam: 1 },
};

/** A moderator reversing an automatic decision tells the model it was confidently wrong. */
export const ORIGIN_WEIGHT: Record<Origin, number> = { moderator: 1, audit: 1, import: 1, reversal: 5 };

function copyHead(h: SiteHead): SiteHead {
  return { weights: h.weights.slice(), squares: h.squares.slice(), bias: h.bias, biasSquares: h.biasSquares };
}

function copySite(site: SiteModel): SiteModel {
  return {
    ...site,
    remove: copyHead(site.remove),
    spam: copyHead(site.spam),
    evidence: Object.fromEntries(Object.entries(site.evidence).map(([k, t]) => [k, { counts: t.counts.slice() }])),
    examples: { ...site.examples },
    byOrigin: { ...site.byOrigin },
  };
}

/** One AdaGrad step; `weight` scales the step, not the gradient, so AdaGrad's normalising cannot cancel it. */
function step(head: SiteHead, x: FeatureVector, gradient: number, weight: number, rate: number): void {
  const mask = head.weights.length - 1;
  for (let k = 0; k < x.indices.length; k++) {
    const i = x.indices[k]! & mask;
    const g = gradient * x.values[k]! + L2 * head.weights[i]!;
    head.squares[i]! += g * g;
    if (head.squares[i]! > 0) head.weights[i]! -= (rate * weight * g) / Math.sqrt(head.squares[i]!);
  }
  head.biasSquares += gradient * gradient;
  if (head.biasSquares > 0) head.bias -= (rate * weight * gradient) / Math.sqrt(head.biasSquares);
}

const isProbability = (p: unknown): p is number => typeof p === 'number' && p >= 0 && p <= 1;

function recordEvidence(site: SiteModel, scores: GateScores, label: DecisionLabel): void {
  const keys = tableKeys(scores);
  const judged = { published: risk(scores), rejected: scores.remove, spam: scores.spam };
  for (const decision of ['published', 'rejected', 'spam'] as const) {
    const table = (site.evidence[keys[decision]] ??= newTable());
    record(table, judged[decision], label);
  }
  pruneTables(site.evidence, new Set(Object.values(keys)));
}

/** Pure: returns a new site model that has learned `examples` in order. */
export function teach(site: SiteModel, examples: readonly DecidedExample[], prior: Prior = shippedPrior()): SiteModel {
  if (examples.length === 0) return site;
  const next = copySite(site);
  for (const example of examples) {
    const x = extractFeatures(example.input);
    const z = combinedLogits(next, x, prior);
    const given = example.scoresAtDecision;
    const atDecision: GateScores =
      given && isProbability(given.remove) && isProbability(given.spam) ? given : { remove: sigmoid(z.remove), spam: sigmoid(z.spam) };
    recordEvidence(next, atDecision, example.label);
    const weight = ORIGIN_WEIGHT[example.origin] ?? 1;
    for (const head of HEADS) {
      const target = TARGETS[example.label][head];
      if (target !== undefined) step(next[head], x, sigmoid(z[head]) - target, weight, STEP[head]);
    }
    next.examples[example.label] += 1;
    next.byOrigin[example.origin] += 1;
  }
  for (const head of HEADS) roundToStored(next[head].weights, next[head].squares);
  next.updates += 1;
  return next;
}
