/**
 * The reliability figures in the docs come from a run: docs/testing.md repeats
 * exactly the headlines of the generated docs/reliability.md, and publishing
 * writes whatever figures the run produced, never wording of its own.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  publish,
  publishedSummary,
  REPORT_FILE,
  SECTIONS,
  type Section,
  SUMMARY_FILE,
  sectionBodies,
  summaryLines,
} from '../reliability/figures';

const dir = mkdtempSync(join(tmpdir(), 'reliability-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A run's figures for every area, each with numbers of its own. */
const run = (seed: number) =>
  new Map<Section, string>(
    SECTIONS.map((s, i) => [
      s,
      `## Area ${s}\n\nWhat was done.\n\n**${seed + i} cases, ${seed * 7 + i} answered.**\n\n| a |\n| --- |\n| ${seed} |`,
    ]),
  );

describe('the reliability figures', () => {
  it('in docs/testing.md are the headlines of docs/reliability.md, one per published area', () => {
    const bodies = sectionBodies(readFileSync(REPORT_FILE, 'utf8'));
    expect(bodies.size).toBeGreaterThan(0);
    expect(publishedSummary(readFileSync(SUMMARY_FILE, 'utf8'))).toEqual(summaryLines(bodies));
  });

  it('are published as the run wrote them, page and summary alike', () => {
    const files = { report: join(dir, 'reliability.md'), summary: join(dir, 'testing.md') };
    copyFileSync(SUMMARY_FILE, files.summary);
    rmSync(files.report, { force: true });
    for (const seed of [11, 4242]) {
      publish(run(seed), files);
      const report = readFileSync(files.report, 'utf8');
      const summary = publishedSummary(readFileSync(files.summary, 'utf8'));
      expect(summary).toHaveLength(SECTIONS.length);
      SECTIONS.forEach((s, i) => {
        expect(report).toContain(`**${seed + i} cases, ${seed * 7 + i} answered.**`);
        expect(summary[i]).toBe(`- **Area ${s}**: ${seed + i} cases, ${seed * 7 + i} answered.`);
      });
    }
  });

  it('keep the areas a run did not publish as they were', () => {
    const files = { report: join(dir, 'keep.md'), summary: join(dir, 'keep-summary.md') };
    writeFileSync(files.summary, '<!-- reliability:summary:start -->\n<!-- reliability:summary:end -->\n');
    publish(run(5), files);
    publish(new Map([['corpus', '## Bad input\n\n**1 case.**']]), files);
    const summary = publishedSummary(readFileSync(files.summary, 'utf8'));
    expect(summary[0]).toBe('- **Bad input**: 1 case.');
    expect(summary[1]).toBe('- **Area properties**: 6 cases, 36 answered.');
  });
});
