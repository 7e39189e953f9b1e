// Writes a passed CI run's step times as JSON (called by .ci/run, which has
// nothing but bash and node: no TypeScript runner before `npm ci`).
// Arguments: start end, then one "start end command…" per step (bash's EPOCHREALTIME).
const os = require('node:os');
const { execFileSync } = require('node:child_process');

const [started, ended, ...steps] = process.argv.slice(2);
const seconds = (from, to) => Math.round((Number(to) - Number(from)) * 10) / 10;
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();

process.stdout.write(
  `${JSON.stringify(
    {
      finishedAt: new Date(Number(ended) * 1000).toISOString(),
      commit: git('rev-parse', 'HEAD'),
      // Whether the run left the checkout as it found it (tests write only to ignored paths).
      cleanAfter: git('status', '--porcelain') === '',
      cores: os.cpus().length,
      node: process.version,
      // The machine's load when the run ended: a busy machine explains a slow run.
      loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
      totalSeconds: seconds(started, ended),
      steps: steps.map((s) => {
        const [from, to, ...command] = s.split(' ');
        return { command: command.join(' '), seconds: seconds(from, to) };
      }),
    },
    null,
    2,
  )}\n`,
);
