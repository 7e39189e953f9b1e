/**
 * The README's benchmark and cost figures are what bench/results/latest.json
 * says: regenerating them from that file changes nothing. A hand edit of a
 * figure, or results committed without their README sections, fails here.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReadmeSections } from '../../bench/readme-sections';
import type { BenchResults } from '../../bench/results';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'readme-sections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generated README sections', () => {
  it('match bench/results/latest.json exactly', () => {
    const results = JSON.parse(readFileSync(join(ROOT, 'bench/results/latest.json'), 'utf8')) as BenchResults;
    const copy = join(dir, 'README.md');
    copyFileSync(join(ROOT, 'README.md'), copy);
    writeReadmeSections(results, copy);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  });

  it('carry the run’s own figures: the cost per million and the cost at rest', () => {
    const results = JSON.parse(readFileSync(join(ROOT, 'bench/results/latest.json'), 'utf8')) as BenchResults;
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = (name: string) => new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(readme)?.[1] ?? '';
    const k = results.costPerMillion;
    expect(section('bench:cost')).toContain(`**$${k.submissions.perMillion.toFixed(2)}**`);
    expect(section('bench:cost-summary')).toContain(
      `$${k.storagePerMillionComments.dollarsPerMonth.toFixed(2)} a month per million comments`,
    );
    expect(section('bench:cost-summary')).toContain(`${k.template.wafRules} rules`);
    for (const t of results.targets) expect(section('bench:targets')).toContain(t.measured);
  });
});
