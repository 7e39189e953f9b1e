/**
 * Prints a passed CI run's step times as JSON (.ci/run writes it to
 * .data/ci/last-run.json; `npm run ci:record` publishes it, see publish.ts).
 * Arguments: start end, then one "start end command…" per step, in seconds
 * since the epoch (bash's EPOCHREALTIME).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import type { CiRun } from './publish';

const [started, ended, ...steps] = process.argv.slice(2);
const seconds = (from: string | undefined, to: string | undefined) => Math.round((Number(to) - Number(from)) * 10) / 10;
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();

const run: CiRun = {
  finishedAt: new Date(Number(ended) * 1000).toISOString(),
  commit: git('rev-parse', 'HEAD'),
  // Whether the run left the checkout as it found it (tests write only to ignored paths).
  cleanAfter: git('status', '--porcelain') === '',
  cores: cpus().length,
  node: process.version,
  // The machine's load when the run ended: a busy machine explains a slow run.
  loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
  totalSeconds: seconds(started, ended),
  steps: steps.map((step) => {
    const [from, to, ...command] = step.split(' ');
    return { command: command.join(' '), seconds: seconds(from, to) };
  }),
};
process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
