/**
 * `npm run triage:eval -- --data DIR [--only FILE,FILE]`: the leave-source-out
 * evaluation of the triage model (bench/triage/leave-source-out.ts). Writes
 * bench/results/triage-eval.json and .md, and the model card's generated
 * region (docs/model-card.md). Progress and counts go to standard error; no
 * comment's text is printed. `--only` limits the run to some files (the
 * results are then not written: a partial run does not replace a full one).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readRows } from '../../scripts/triage/data';
import { featurize } from '../../scripts/triage/fit';
import { LEARN_OPTIONS } from '../../scripts/triage/learn';
import { writeModelCard } from './card';
import { evalMarkdown, type TriageEval } from './eval-report';
import { leaveSourceOut } from './leave-source-out';
import { argument, elapsedLog } from '../../scripts/triage/command-line';

const ROOT = resolve(__dirname, '../..');
/** The error bound the "at best" shares are judged at: the gate's default. */
const MAX_ERROR = 0.01;

export function evaluate(dir: string, log: (line: string) => void, only?: string[]): TriageEval {
  const rows = readRows(resolve(dir));
  log(`${rows.length} rows; extracting features`);
  const features = featurize(rows);
  const sources = leaveSourceOut(rows, features, { maxError: MAX_ERROR, only, log });
  return { data: 'given', maxError: MAX_ERROR, sources, learning: { ...LEARN_OPTIONS } };
}

function main(): void {
  const dir = argument('--data');
  if (!dir) {
    console.error('usage: npm run triage:eval -- --data DIR [--only FILE,FILE]   (DIR holds the labelled *.jsonl files)');
    process.exitCode = 2;
    return;
  }
  const log = elapsedLog();
  const only = argument('--only')?.split(',');
  const result = evaluate(dir, log, only);
  if (only) {
    console.error(evalMarkdown(result));
    return;
  }
  writeFileSync(resolve(ROOT, 'bench/results/triage-eval.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(resolve(ROOT, 'bench/results/triage-eval.md'), `# Triage model: leave-source-out\n\n${evalMarkdown(result)}`);
  writeModelCard();
  log('wrote bench/results/triage-eval.{json,md} and the figures in docs/model-card.md');
}

if (require.main === module) main();
