/**
 * The model shipped with the product, trained by `npm run triage:train` on
 * permissively licensed public data (docs/model-card.md). Importing this module
 * reads nothing: the weights' file is read and decoded on the first call, and
 * cached. Import it only where comments are scored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHead } from './codec';
import type { LinearModel } from './linear';
import { SHIPPED_WEIGHTS } from './weights.generated';
import { unpackWeights, WEIGHTS_FILE } from './weights-file';

export interface ShippedModel extends LinearModel {
  /** What it was trained on, in a line (sources and row counts). */
  trainedOn: string;
}

let cached: ShippedModel | undefined;

export function shippedModel(): ShippedModel {
  if (cached) return cached;
  const encoded = unpackWeights(readFileSync(join(__dirname, WEIGHTS_FILE)), SHIPPED_WEIGHTS);
  cached = {
    bits: SHIPPED_WEIGHTS.bits,
    trainedOn: SHIPPED_WEIGHTS.trainedOn,
    remove: decodeHead(encoded.remove),
    spam: decodeHead(encoded.spam),
  };
  return cached;
}
