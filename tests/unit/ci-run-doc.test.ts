/**
 * The CI time on the contributors' page is the recorded run's: regenerating
 * the section from bench/results/ci-run.json changes nothing, and with no
 * recorded run the section is empty rather than typed.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CI_RUN_FILE, CI_RUN_PAGE, type CiRun, ciRunSection, writeCiSection } from '../../scripts/ci/publish';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'ci-run-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const section = (text: string) => /<!-- ci:run:start -->\n([\s\S]*?)<!-- ci:run:end -->/.exec(text)?.[1];

const sample: CiRun = {
  finishedAt: '2026-12-08T01:00:00.000Z',
  commit: '0123456789abcdef',
  cleanAfter: true,
  cores: 2,
  node: 'v20.20.2',
  loadAverage: [1.5, 1.2, 0.9],
  totalSeconds: 391.6,
  steps: [
    { command: 'npm ci', seconds: 31.2 },
    { command: 'npm test', seconds: 300.4 },
  ],
};

describe('the CI time on the contributors’ page', () => {
  it('is what the recorded run says, or nothing when no run is recorded', () => {
    const page = readFileSync(join(ROOT, CI_RUN_PAGE), 'utf8');
    const recorded = join(ROOT, CI_RUN_FILE);
    if (!existsSync(recorded)) {
      expect(section(page)).toBe('');
      return;
    }
    mkdirSync(join(dir, 'docs'), { recursive: true });
    copyFileSync(join(ROOT, CI_RUN_PAGE), join(dir, CI_RUN_PAGE));
    writeCiSection(JSON.parse(readFileSync(recorded, 'utf8')) as CiRun, dir);
    expect(readFileSync(join(dir, CI_RUN_PAGE), 'utf8')).toBe(page);
  });

  it('gives the total and each step in minutes and seconds, and says whether the checkout stayed clean', () => {
    const text = ciRunSection(sample);
    expect(text).toContain('passed in **6 min 32 s** on 2 cores');
    expect(text).toContain('| `npm test` | 5 min 0 s |');
    expect(text).toContain('commit `0123456`');
    expect(ciRunSection({ ...sample, cleanAfter: false })).toContain('NOT clean');
  });
});
