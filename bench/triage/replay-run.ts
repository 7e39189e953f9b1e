/**
 * `npm run triage:replay -- --data DIR [--only FILE,FILE] [--seed N]`: the
 * replay curves. Each reported source is streamed through a new site with the
 * default gate, on a prior trained (as the shipped model is) on every other
 * file, so the site's comments are text the prior never saw. Writes
 * bench/results/triage-replay.{json,md} and the generated region of
 * docs/triage-gate.md. `--only` replays other files (e.g. to try a change
 * on sources that are not reported) and writes nothing. Counts only.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_AUTO_DECIDE, LEARNING_BATCH } from '../../lambda/domain/triage/site';
import { readRows } from '../../scripts/triage/data';
import { featurize, fitHead } from '../../scripts/triage/fit';
import { SHIPPED_BITS } from '../../lambda/domain/triage/model/features';
import { replaySource } from './replay';
import { REPLAY_RESULTS, type ReplayResults, replayMarkdown, writeReplayRegion } from './replay-report';
import { argument, elapsedLog } from '../../scripts/triage/command-line';

const ROOT = resolve(__dirname, '../..');
/** The sources reported: the spam one the issue names, and every toxicity source of at least 1,000 comments with both labels that is not tweets. */
export const REPORTED = ['youtube-spam', 'fox-news-comments', 'wikipedia-toxicity-testset', 'stormfront-hate-speech'];
const DEFAULT_SEED = 2026;

function main(): void {
  const dir = argument('--data');
  if (!dir) {
    console.error('usage: npm run triage:replay -- --data DIR [--only FILE,FILE] [--seed N]   (DIR holds the labelled *.jsonl files)');
    process.exitCode = 2;
    return;
  }
  const only = argument('--only')?.split(',');
  const seed = Number(argument('--seed') ?? DEFAULT_SEED);
  const log = elapsedLog();
  const rows = readRows(resolve(dir));
  log(`${rows.length} rows; extracting features`);
  const features = featurize(rows);
  const sources = [];
  for (const file of only ?? REPORTED) {
    const own = rows.filter((r) => r.file === file);
    if (own.length === 0) throw new Error(`no rows from ${file}`);
    const others = (row: number) => rows[row]!.file !== file;
    const prior = { bits: SHIPPED_BITS, remove: fitHead('remove', rows, features, others), spam: fitHead('spam', rows, features, others) };
    log(`${file}: prior trained without it; replaying ${own.length} comments`);
    const figures = replaySource(file, own, { prior, settings: DEFAULT_AUTO_DECIDE, seed });
    log(
      `${file}: second half automatic ${figures.secondHalfAutomatic}, automatic ${JSON.stringify(figures.automatic)}, errors publish ${figures.publishError} removal ${figures.removalError}, ${figures.moderatorMinutesPer1000} min per 1,000`,
    );
    sources.push(figures);
  }
  const results: ReplayResults = { data: 'given', settings: DEFAULT_AUTO_DECIDE, learningBatch: LEARNING_BATCH, seed, sources };
  if (only) {
    console.error(replayMarkdown(results));
    return;
  }
  writeFileSync(resolve(ROOT, REPLAY_RESULTS), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(resolve(ROOT, 'bench/results/triage-replay.md'), `# Triage: replay curves\n\n${replayMarkdown(results)}`);
  writeReplayRegion(resolve(ROOT, 'docs/triage-gate.md'), results);
  log(`wrote ${REPLAY_RESULTS}, bench/results/triage-replay.md and the figures in docs/triage-gate.md`);
}

if (require.main === module) main();
