/**
 * The site's part of the model: a small linear correction on top of the
 * shipped prior, one per head, over the shipped features folded into a small
 * hash space (index mod 2**SITE_BITS), so the whole site model fits one
 * DynamoDB item. It holds only folded hash indices, weights, counts and the
 * gate's evidence: no text, name, email or address.
 */
import { type DecidedExample, DECISION_LABELS, type DecisionLabel, type TriageScores } from '../learning';
import type { EvidenceTable } from './evidence';
import { type FeatureVector, type Prior, type PriorLogits, priorLogits, sigmoid } from './prior';

/**
 * 32,768 weights per head: 256 KB for both heads with their step sizes at 16
 * bits each (codec.ts). Spam campaigns need the room: on sources not reported
 * (SMS and Telegram spam) 4,096 slots folded too many words together for the
 * spam side to hold; 65,536 decided little more and would not fit one item.
 */
export const SITE_BITS = 15;
/** 2: 16-bit weights at SITE_BITS 15; 1 (float32 weights at 12 bits) still decodes. */
export const SITE_FORMAT = 2;

export type Head = keyof TriageScores;
export const HEADS: readonly Head[] = ['remove', 'spam'];
export type Origin = DecidedExample['origin'];
export const ORIGINS: readonly Origin[] = ['moderator', 'audit', 'reversal', 'import'];
export const LABELS = DECISION_LABELS;

export interface SiteHead {
  weights: Float32Array;
  /** AdaGrad's running sum of squared gradients per weight (its per-weight step size). */
  squares: Float32Array;
  bias: number;
  biasSquares: number;
}

export interface SiteModel {
  format: number;
  bits: number;
  remove: SiteHead;
  spam: SiteHead;
  /** Calibration evidence for the gate, keyed by what was scored and by whom (see evidence.ts). */
  evidence: Record<string, EvidenceTable>;
  examples: Record<DecisionLabel, number>;
  byOrigin: Record<Origin, number>;
  /** Batches taught: grows by one per teach() call that had examples. */
  updates: number;
}

function newHead(bits: number): SiteHead {
  return { weights: new Float32Array(2 ** bits), squares: new Float32Array(2 ** bits), bias: 0, biasSquares: 0 };
}

export function newSiteModel(): SiteModel {
  return {
    format: SITE_FORMAT,
    bits: SITE_BITS,
    remove: newHead(SITE_BITS),
    spam: newHead(SITE_BITS),
    evidence: {},
    examples: { approved: 0, rejected: 0, spam: 0 },
    byOrigin: { moderator: 0, audit: 0, reversal: 0, import: 0 },
    updates: 0,
  };
}

/** The site's contribution to one head's log-odds. */
export function siteLogit(head: SiteHead, x: FeatureVector): number {
  const mask = head.weights.length - 1;
  let z = head.bias;
  for (let k = 0; k < x.indices.length; k++) z += head.weights[x.indices[k]! & mask]! * x.values[k]!;
  return z;
}

/** Prior plus site part, per head, in log-odds. A null site is the prior alone. */
export function combinedLogits(site: SiteModel | null, x: FeatureVector, prior: Prior): PriorLogits {
  const z = priorLogits(prior, x);
  if (!site) return z;
  return { remove: z.remove + siteLogit(site.remove, x), spam: z.spam + siteLogit(site.spam, x) };
}

export function probabilities(z: PriorLogits): TriageScores {
  return { remove: sigmoid(z.remove), spam: sigmoid(z.spam) };
}
