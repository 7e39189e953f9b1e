/**
 * The benchmark and cost figures in the docs are what bench/results/latest.json
 * says: regenerating them from that file changes nothing. A hand edit of a
 * figure, or results committed without their generated sections, fails here,
 * and so does a measured figure typed into the prose around the sections.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DOC_SECTIONS, writeDocSections } from '../../bench/doc-sections';
import type { BenchResults } from '../../bench/results';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'doc-sections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const results = JSON.parse(readFileSync(join(ROOT, 'bench/results/latest.json'), 'utf8')) as BenchResults;
const page = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const section = (file: string, name: string) =>
  new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(page(file))?.[1] ?? '';
const runAt = (concurrency: number) => results.latency.runs.find((r) => r.concurrency === concurrency)!;

describe('generated docs sections', () => {
  it('match bench/results/latest.json exactly', () => {
    for (const file of Object.keys(DOC_SECTIONS)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(dir, file));
    }
    writeDocSections(results, dir);
    for (const file of Object.keys(DOC_SECTIONS)) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(page(file));
  });

  it('carry the run’s own figures: the cost per million and the cost at rest', () => {
    const k = results.costPerMillion;
    expect(section('docs/benchmarks.md', 'bench:cost')).toContain(`**$${k.submissions.perMillion.toFixed(2)}**`);
    expect(section('docs/costs.md', 'bench:cost-summary')).toContain(
      `$${k.storagePerMillionComments.dollarsPerMonth.toFixed(2)} a month per million comments`,
    );
    expect(section('docs/costs.md', 'bench:cost-summary')).toContain(`${k.template.wafRules} rules`);
    for (const t of results.targets) expect(section('docs/benchmarks.md', 'bench:targets')).toContain(t.measured);
  });

  it('explain the misses with the run’s write units and latency ratios', () => {
    const misses = section('docs/benchmarks.md', 'bench:misses');
    const submit = results.capacity.find((c) => c.operation === 'submit')!;
    expect(misses).toContain(`one transaction of ${submit.writeUnits} WRU`);
    expect(misses).toContain(`${runAt(8).submitToSubmitCalls.toFixed(2)}×`);
    expect(misses).toContain(`${runAt(1).submitToSubmitCalls.toFixed(2)}×`);
    expect(misses).toContain(`${results.coldStart.tracerAddsMs} ms of import`);
    // The floor of any submit that keeps its guards atomic: the transaction alone, against the PutItem.
    expect(misses).toContain(`The transaction alone, with no read before it, takes ${runAt(8).bareTransaction!.p50Ms} ms`);
    expect(misses).toContain(`${runAt(8).transactionToPut!.toFixed(2)}× the bare PutItem`);
    // Why no atomic submit reaches the target here: the run's own transactions of each size, at both concurrencies.
    for (const concurrency of [1, 8]) {
      const sweep = runAt(concurrency).transactionSweep!;
      for (const row of sweep.rows) expect(misses).toContain(`${row.items}: ${row.toPut.toFixed(2)}×`);
      expect(section('docs/performance.md', 'bench:perf-sweep')).toContain(`| ${concurrency} | ${sweep.put.p50Ms} |`);
    }
  });

  it('label the viral figures the run computed, beside the origin’s measured rate', () => {
    const viral = section('docs/benchmarks.md', 'bench:viral');
    expect(viral).toContain('**Computed, not measured**');
    expect(viral).toContain(`served ${runAt(8).list.requestsPerSecond} requests a second`);
    expect(viral).toContain(`${results.viral!.pageLoads.toLocaleString('en-US')} page loads`);
  });

  it('show the import’s write units per comment', () => {
    expect(section('docs/benchmarks.md', 'bench:import')).toContain(`| ${results.import!.writeUnitsPerComment}: `);
  });

  it.each(Object.keys(DOC_SECTIONS))('leave no measured figure in the prose of %s', (file) => {
    const prose = page(file).replace(/<!-- (bench:[\w-]+):start -->[\s\S]*?<!-- \1:end -->/g, '');
    expect(prose.match(/\d[\d,.]*\s?(?:ms|RRU|WRU|×|%|KB|MB)(?![\w])/g) ?? []).toEqual([]);
  });
});
