/** Small statistics helpers shared by the benchmark sections. */

/** The p-th percentile (0–100) of the values, linearly interpolated. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Rounds for reports: keeps `digits` decimals and drops float noise. */
export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** A ratio rounded for the report; NaN when the denominator is 0. */
export const ratio = (value: number, base: number, digits = 2): number => (base === 0 ? Number.NaN : round(value / base, digits));

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
