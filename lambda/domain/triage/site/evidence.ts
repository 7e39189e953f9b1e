/**
 * The gate's calibration evidence: how the site's decided comments were
 * labelled, counted per score bin. Each example is counted under the score it
 * had BEFORE the model learned it (test-then-train), so the counts measure the
 * model as it was when it would have decided.
 *
 * Bins are half a unit of log-odds wide over [-16, 16]: fine near 0 and 1,
 * where the gate decides, and reaching far enough that a site's surest spam
 * is not lumped with the few ordinary comments the shipped model put past 8. A table counts exactly until it holds EVIDENCE_WINDOW
 * decisions; from then on each new one scales the rest down by
 * (window - 1) / window, so the table keeps about the last window's worth and
 * evidence from a weaker, older model fades. Memory stays bounded: BINS × 3
 * numbers per table, at most MAX_TABLES tables.
 */
import { DECISION_LABELS as LABELS, type DecisionLabel } from '../learning';

export const BINS = 64;
const LOGIT_LIMIT = 16;
/** Tables stored before the reach was doubled: 32 bins over [-8, 8]. */
export const NARROW_BINS = 32;
export const EVIDENCE_WINDOW = 10_000;
/** Sources beyond the model's own are cloud providers; a site rarely switches more than a few times. */
export const MAX_TABLES = 12;

export interface EvidenceTable {
  /** counts[bin * 3 + label index]; fractional once the window is full. */
  counts: number[];
}

export function newTable(): EvidenceTable {
  return { counts: new Array(BINS * LABELS.length).fill(0) };
}

/** A table of the narrower layout in the current one: the same bins, centred (the old end bins keep what they held). */
export function widenTable(counts: number[]): EvidenceTable {
  if (counts.length !== NARROW_BINS * LABELS.length) return { counts };
  const pad = new Array(((BINS - NARROW_BINS) / 2) * LABELS.length).fill(0);
  return { counts: [...pad, ...counts, ...pad] };
}

export function scoreBin(p: number): number {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  const z = Math.log(q / (1 - q));
  const bin = Math.floor(((Math.min(Math.max(z, -LOGIT_LIMIT), LOGIT_LIMIT) + LOGIT_LIMIT) / (2 * LOGIT_LIMIT)) * BINS);
  return Math.min(bin, BINS - 1);
}

/** Counts one decided example into a table (mutates: callers pass a copy). */
export function record(table: EvidenceTable, score: number, label: DecisionLabel): void {
  if (tableTotal(table) >= EVIDENCE_WINDOW) {
    const fade = (EVIDENCE_WINDOW - 1) / tableTotal(table);
    for (let i = 0; i < table.counts.length; i++) table.counts[i]! *= fade;
  }
  const at = scoreBin(score) * LABELS.length + LABELS.indexOf(label);
  table.counts[at]! += 1;
}

export function tableTotal(table: EvidenceTable): number {
  return table.counts.reduce((a, b) => a + b, 0);
}

/** Drops the least-filled tables beyond MAX_TABLES, never the one just written. */
export function pruneTables(tables: Record<string, EvidenceTable>, keep: ReadonlySet<string>): void {
  const keys = Object.keys(tables);
  if (keys.length <= MAX_TABLES) return;
  const droppable = keys.filter((k) => !keep.has(k)).sort((a, b) => tableTotal(tables[a]!) - tableTotal(tables[b]!));
  for (const key of droppable.slice(0, keys.length - MAX_TABLES)) delete tables[key];
}

/** Sure of a decision: low scores for publishing (risk), high ones for removal and spam. */
export type SureEnd = 'low' | 'high';

/** The decided comments in bins [from, to]: how many, and how many carried `agree`'s label. */
export function countBins(table: EvidenceTable | undefined, from: number, to: number, agree: DecisionLabel): { n: number; agreed: number } {
  if (!table) return { n: 0, agreed: 0 };
  const labelAt = LABELS.indexOf(agree);
  let n = 0;
  let agreed = 0;
  for (let b = Math.max(0, from); b <= Math.min(BINS - 1, to); b++) {
    for (let l = 0; l < LABELS.length; l++) {
      const c = table.counts[b * LABELS.length + l]!;
      n += c;
      if (l === labelAt) agreed += c;
    }
  }
  return { n, agreed };
}

/** The decided comments from bin `threshold` to the sure end. */
export function pastThreshold(table: EvidenceTable | undefined, threshold: number, sure: SureEnd, agree: DecisionLabel) {
  return sure === 'low' ? countBins(table, 0, threshold, agree) : countBins(table, threshold, BINS - 1, agree);
}

/** How far "nearby" reaches: a bin and two on either side (2.5 units of log-odds). */
export const NEARBY_REACH = 2;

/** The decided comments of nearly the score of bin `bin`. */
export function nearby(table: EvidenceTable | undefined, bin: number, agree: DecisionLabel) {
  return countBins(table, bin - NEARBY_REACH, bin + NEARBY_REACH, agree);
}

/** Wilson score interval's upper end for an error rate: `errors` of `n` at 95 %. */
export function wilsonUpper(errors: number, n: number, z = 1.96): number {
  if (n <= 0) return 1;
  const p = Math.min(Math.max(errors / n, 0), 1);
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.min(1, (centre + spread) / (1 + z2 / n));
}

/** Who produced a head's score: a cloud provider's name, or the model (absent). */
export interface ScoreSources {
  remove?: string;
  spam?: string;
}

/** Scores as the gate sees them: the model's, or a provider's for the heads it answered. */
export interface GateScores {
  remove: number;
  spam: number;
  source?: ScoreSources;
}

export const MODEL_SOURCE = 'model';

/**
 * One table per decision and score source, so evidence gathered on one
 * provider's scores never vouches for another's (switching starts fresh).
 */
export function tableKeys(scores: GateScores): { published: string; rejected: string; spam: string } {
  const remove = scores.source?.remove ?? MODEL_SOURCE;
  const spam = scores.source?.spam ?? MODEL_SOURCE;
  return { published: `published:${remove}+${spam}`, rejected: `rejected:${remove}`, spam: `spam:${spam}` };
}

/** How likely a moderator would not keep it: either head (noisy-or), the score publishing is judged on. */
export function risk(scores: GateScores): number {
  return 1 - (1 - scores.remove) * (1 - scores.spam);
}
