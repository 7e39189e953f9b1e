/**
 * Leave-source-out: for each labelled file, train the model without it and
 * score it, so every figure is on text from a source the model never saw.
 * Toxicity files are scored by the remove head, spam files by the spam head.
 * Counts only: no text of any comment leaves this module.
 */
import { dot } from '../../lambda/domain/triage/model/linear';
import { DEFAULT_AUTO_DECIDE, gate, scoreComment, seededRandom, wilsonUpper } from '../../lambda/domain/triage/site';
import { type FeatureVector, SHIPPED_BITS } from '../../lambda/domain/triage/model/features';
import { files, isSpamFile, type Row } from '../../scripts/triage/data';
import { fitHead } from '../../scripts/triage/fit';
import { rocAuc } from '../../scripts/triage/learn';

export interface HeldOutSource {
  file: string;
  head: 'remove' | 'spam';
  rows: number;
  /** toxic or spam rows (the positives of the head). */
  positives: number;
  /** null for a file with one class only (the all-toxic news comments): nothing to rank. */
  auc: number | null;
  /**
   * At best: the share of the source a gate could decide automatically with the
   * error's Wilson 95 % upper bound ≤ maxError, the threshold placed on the
   * source's own labels (what a site's gate reaches once its own decisions
   * calibrate the score). `publish`: the lowest-scored comments published;
   * `remove`: the highest-scored removed.
   */
  automaticAtBest: { maxError: number; publish: number; remove: number };
  /**
   * The share of the source's civil or ham comments a new site would reject or
   * mark spam: each scored as the service scores it (no site part yet) by the
   * model trained without the source, and put through the default gate.
   */
  newSiteRemoves: number;
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
const finiteOrNull = (x: number) => (Number.isFinite(x) ? round(x) : null);

export function leaveSourceOut(
  rows: readonly Row[],
  features: readonly FeatureVector[],
  options: { maxError: number; only?: string[]; log?: (line: string) => void },
): HeldOutSource[] {
  const sources: HeldOutSource[] = [];
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
    const prior = { bits: SHIPPED_BITS, ...heads };
    const random = seededRandom(1);
    const negatives = rows.filter((r) => r.file === file && (r.label === 'civil' || r.label === 'ham'));
    const removed = negatives.filter((r) => {
      const { scores } = scoreComment(null, { text: r.text }, undefined, prior);
      const verdict = gate(null, scores, DEFAULT_AUTO_DECIDE, random);
      return verdict.decision === 'rejected' || verdict.decision === 'spam';
    }).length;
    sources.push({
      file,
      head,
      rows: scored.length,
      positives: scored.filter((s) => s.y === 1).length,
      auc: finiteOrNull(
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
      newSiteRemoves: negatives.length === 0 ? 0 : round(removed / negatives.length),
    });
    options.log?.(`  held out ${file}: ${head} AUC ${sources.at(-1)!.auc} over ${scored.length} rows`);
  }
  return sources;
}
