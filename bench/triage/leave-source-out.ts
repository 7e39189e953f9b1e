/**
 * Leave-source-out: for each labelled file, train the model without it and
 * score it, so every figure is on text from a source the model never saw.
 * Toxicity files are scored by the remove head, spam files by the spam head.
 * Counts only: no text of any comment leaves this module.
 */
import { dot, sigmoid } from '../../lambda/domain/triage/model/linear';
import type { FeatureVector } from '../../lambda/domain/triage/model/features';
import { files, isSpamFile, type Row } from '../../scripts/triage/data';
import { fitHead } from '../../scripts/triage/fit';
import { rocAuc } from '../../scripts/triage/learn';

export interface HeldOutSource {
  file: string;
  head: 'remove' | 'spam';
  rows: number;
  /** toxic or spam rows (the positives of the head). */
  positives: number;
  auc: number;
  /**
   * At best: the share of the source a gate could decide automatically with the
   * error's Wilson 95 % upper bound ≤ maxError, the threshold placed on the
   * source's own labels (what a site's gate reaches once its own decisions
   * calibrate the score). `publish`: the lowest-scored comments published;
   * `remove`: the highest-scored removed.
   */
  automaticAtBest: { maxError: number; publish: number; remove: number };
}

/** The upper end of the Wilson score interval (95 %) for `errors` in `n`. */
export function wilsonUpper(errors: number, n: number, z = 1.96): number {
  if (n === 0) return 1;
  const p = errors / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) + z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/** The largest share of the sorted labels, taken from the front, whose errors stay under the bound. */
export function largestSafePrefix(wrongInOrder: readonly boolean[], maxError: number): number {
  let errors = 0;
  let best = 0;
  wrongInOrder.forEach((wrong, i) => {
    if (wrong) errors++;
    if (wilsonUpper(errors, i + 1) <= maxError) best = i + 1;
  });
  return wrongInOrder.length === 0 ? 0 : best / wrongInOrder.length;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function leaveSourceOut(
  rows: readonly Row[],
  features: readonly FeatureVector[],
  options: { maxError: number; only?: string[]; log?: (line: string) => void },
): { sources: HeldOutSource[]; civilScores: Map<string, { remove: number; spam: number }[]> } {
  const sources: HeldOutSource[] = [];
  const civilScores = new Map<string, { remove: number; spam: number }[]>();
  for (const file of files(rows)) {
    if (options.only && !options.only.includes(file)) continue;
    const head = isSpamFile(rows, file) ? 'spam' : 'remove';
    const without = (row: number) => rows[row]!.file !== file;
    const heads = { remove: fitHead('remove', rows, features, without), spam: fitHead('spam', rows, features, without) };
    const test = rows.flatMap((r, i) =>
      r.file === file ? [{ y: r.label === 'toxic' || r.label === 'spam' ? 1 : 0, x: features[i]! }] : [],
    );
    const scored = test.map((t) => ({ y: t.y as 0 | 1, remove: dot(heads.remove, t.x), spam: dot(heads.spam, t.x) }));
    const byScore = [...scored].sort((a, b) => a[head] - b[head]);
    sources.push({
      file,
      head,
      rows: scored.length,
      positives: scored.filter((s) => s.y === 1).length,
      auc: round(
        rocAuc(
          scored.map((s) => s[head]),
          scored.map((s) => s.y),
        ),
      ),
      automaticAtBest: {
        maxError: options.maxError,
        publish: round(
          largestSafePrefix(
            byScore.map((s) => s.y === 1),
            options.maxError,
          ),
        ),
        remove: round(
          largestSafePrefix(
            byScore.reverse().map((s) => s.y === 0),
            options.maxError,
          ),
        ),
      },
    });
    // Both heads' probabilities for the source's civil/ham comments: what a new site's gate is given.
    civilScores.set(
      file,
      scored.filter((s) => s.y === 0).map((s) => ({ remove: sigmoid(s.remove), spam: sigmoid(s.spam) })),
    );
    options.log?.(`  held out ${file}: ${head} AUC ${sources.at(-1)!.auc} over ${scored.length} rows`);
  }
  return { sources, civilScores };
}
