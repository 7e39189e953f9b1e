/** Rows to features once, then heads trained on any subset of them (training and the leave-source-out evaluation share this). */
import type { Head } from '../../lambda/domain/triage/model/codec';
import { extractFeatures, type FeatureVector, SHIPPED_BITS } from '../../lambda/domain/triage/model/features';
import { examplesFor, type HeadName, type Row } from './data';
import { LEARN_OPTIONS, type LearnOptions, learnHead } from './learn';

/**
 * The training rows carry no website and no author record: those features
 * are left out here, so the shipped model gives them no weight and the site's
 * own part learns them from its decisions.
 */
export function featurize(rows: readonly Row[]): FeatureVector[] {
  return rows.map((r) => extractFeatures({ text: r.text }, { record: false }));
}

export function fitHead(
  head: HeadName,
  rows: readonly Row[],
  features: readonly FeatureVector[],
  use: (row: number) => boolean,
  options: LearnOptions = LEARN_OPTIONS,
): Head {
  const examples = examplesFor(head, rows, use).map((e) => ({ x: features[e.row]!, y: e.y, weight: e.weight }));
  return learnHead(2 ** SHIPPED_BITS, examples, options);
}

export function trainedOn(rows: readonly Row[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.file, (counts.get(r.file) ?? 0) + 1);
  return [...counts].map(([file, n]) => `${file} (${n})`).join(', ');
}
