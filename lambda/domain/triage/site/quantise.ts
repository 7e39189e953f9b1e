/**
 * The 16 bits each stored number gets, on a log scale: a weight keeps its sign
 * and its size to 0.07 % (1,024 steps per doubling, from 2^-20 to 2^12); a
 * squares sum keeps its square root to 0.03 %. Teaching rounds the weights
 * it changed to these steps, so a model in memory scores exactly as its bytes do.
 */
const WEIGHT_STEPS = 1024;
const WEIGHT_OFFSET = 20 * WEIGHT_STEPS + 1;
const WEIGHT_MAX = 0x7fff;
const SIGN = 0x8000;

export function packWeight(w: number): number {
  if (!(w !== 0 && Number.isFinite(w))) return 0;
  const q = Math.round(Math.log2(Math.abs(w)) * WEIGHT_STEPS) + WEIGHT_OFFSET;
  if (q < 1) return 0;
  return Math.min(q, WEIGHT_MAX) | (w < 0 ? SIGN : 0);
}

export function unpackWeight(q: number): number {
  const magnitude = q & WEIGHT_MAX;
  if (magnitude === 0) return 0;
  const w = 2 ** ((magnitude - WEIGHT_OFFSET) / WEIGHT_STEPS);
  return q & SIGN ? -w : w;
}

const SQUARE_STEPS = 2048;
const SQUARE_OFFSET = 32768;

/** sqrt of a squares sum: 0 is zero; otherwise log2 steps of 1/2048. */
export function packSquare(g: number): number {
  if (!(g > 0)) return 0;
  const q = Math.round(Math.log2(Math.sqrt(g)) * SQUARE_STEPS) + SQUARE_OFFSET;
  return Math.min(Math.max(q, 1), 0xffff);
}

export function unpackSquare(q: number): number {
  if (q === 0) return 0;
  const root = 2 ** ((q - SQUARE_OFFSET) / SQUARE_STEPS);
  return root * root;
}

/** Rounds every weight and squares sum to what the bytes keep (in place). */
export function roundToStored(weights: Float32Array, squares: Float32Array): void {
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] !== 0) weights[i] = unpackWeight(packWeight(weights[i]!));
    if (squares[i] !== 0) squares[i] = unpackSquare(packSquare(squares[i]!));
  }
}
