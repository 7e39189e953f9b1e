/**
 * `npm run reliability:report`: runs the reliability suite and publishes the
 * figures that run wrote into docs/reliability.md and the reliability
 * headlines of docs/testing.md. An area whose tests failed has no figures and is published as
 * "not published"; the soak section is kept as `npm run soak` last wrote it.
 * Commit the result when you mean to. Exits with the suite's exit code.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { FIGURES_DIR, notPublished, publish, readFigures, SUITE_SECTIONS, type Section } from './figures';

rmSync(FIGURES_DIR, { recursive: true, force: true });
const run = spawnSync('npx', ['vitest', 'run', 'tests/reliability'], {
  cwd: resolve(__dirname, '../..'),
  stdio: 'inherit',
});
const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
const sections = new Map<Section, string>();
const missing: Section[] = [];
for (const section of SUITE_SECTIONS) {
  const figures = readFigures(section);
  if (figures === null) missing.push(section);
  sections.set(section, figures ?? notPublished(section, `${when} UTC`));
}
publish(sections);
console.log(
  `reliability: published ${SUITE_SECTIONS.length - missing.length} of ${SUITE_SECTIONS.length} areas to docs/reliability.md and docs/testing.md` +
    (missing.length ? `; not published (tests failed): ${missing.join(', ')}` : ''),
);
process.exitCode = run.status ?? 1;
