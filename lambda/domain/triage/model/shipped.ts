/**
 * The model shipped with the product, trained by `npm run triage:train` on
 * permissively licensed public data (docs/model-card.md). Importing this module
 * parses the weights' string; they are decoded on the first call and cached.
 * Import it only where comments are scored.
 */
import { decodeHead } from './codec';
import type { LinearModel } from './linear';
import { SHIPPED_WEIGHTS } from './weights.generated';

export interface ShippedModel extends LinearModel {
  /** What it was trained on, in a line (sources and row counts). */
  trainedOn: string;
}

let cached: ShippedModel | undefined;

export function shippedModel(): ShippedModel {
  cached ??= {
    bits: SHIPPED_WEIGHTS.bits,
    trainedOn: SHIPPED_WEIGHTS.trainedOn,
    remove: decodeHead(SHIPPED_WEIGHTS.remove),
    spam: decodeHead(SHIPPED_WEIGHTS.spam),
  };
  return cached;
}
