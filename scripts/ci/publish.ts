/**
 * Publishes a passed CI run's times: `npm run ci:record [-- FILE]` copies the
 * step times `.ci/run` wrote (default `.data/ci/last-run.json`) to
 * `bench/results/ci-run.json` and rewrites the section of docs/testing.md that
 * quotes them. The page's figure is then the run's, never typed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
export const CI_RUN_FILE = 'bench/results/ci-run.json';
export const CI_RUN_PAGE = 'docs/testing.md';
const MARKERS = /(<!-- ci:run:start -->\n)[\s\S]*?(<!-- ci:run:end -->)/;

export interface CiRun {
  finishedAt: string;
  commit: string;
  cleanAfter: boolean;
  cores: number;
  node: string;
  loadAverage: number[];
  totalSeconds: number;
  steps: { command: string; seconds: number }[];
}

const minutes = (seconds: number) => `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;

/** The page's section: the total, the machine, and each step. */
export function ciRunSection(run: CiRun): string {
  const rows = run.steps.map((s) => `| \`${s.command}\` | ${minutes(s.seconds)} |`);
  return [
    `The last published run of \`.ci/run\` passed in **${minutes(run.totalSeconds)}** on ${run.cores} cores ` +
      `(Node ${run.node}, commit \`${run.commit.slice(0, 7)}\`, ${run.finishedAt.slice(0, 10)}; ` +
      `load average ${run.loadAverage.join(' / ')} at the end; ` +
      `the checkout was ${run.cleanAfter ? 'clean' : 'NOT clean'} afterwards):`,
    '',
    '| step | time |',
    '| --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** Rewrites the section of the page under `root` from `run`. */
export function writeCiSection(run: CiRun, root = ROOT): void {
  const file = resolve(root, CI_RUN_PAGE);
  const text = readFileSync(file, 'utf8');
  if (!MARKERS.test(text)) throw new Error(`${CI_RUN_PAGE} has no ci:run markers`);
  writeFileSync(
    file,
    text.replace(MARKERS, (_m, start: string, end: string) => `${start}${ciRunSection(run)}${end}`),
  );
}

if (require.main === module) {
  const source = resolve(process.argv[2] ?? resolve(ROOT, '.data/ci/last-run.json'));
  const run = JSON.parse(readFileSync(source, 'utf8')) as CiRun;
  writeFileSync(resolve(ROOT, CI_RUN_FILE), `${JSON.stringify(run, null, 2)}\n`);
  writeCiSection(run);
  console.log(`${CI_RUN_FILE} and ${CI_RUN_PAGE}: ${minutes(run.totalSeconds)} (commit ${run.commit.slice(0, 7)})`);
}
