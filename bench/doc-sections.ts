/**
 * The benchmark's figures in the docs, generated from a results file (never
 * copied by hand): each section sits between its markers in the page that
 * `DOC_SECTIONS` names. A full `npm run bench` calls this; `npm run bench:docs`
 * regenerates them from bench/results/latest.json (`-- --reprice` first prices
 * its stored measurements with the current cost model and template).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { costModel } from './cost';
import { costPerMillion, costSummary, targets } from './doc-cost';
import { misses } from './doc-misses';
import { bundles, caches, cachesSideBySide, paths, submissionWrites, transactionSweep } from './doc-performance';
import { importFigures, viral } from './doc-viral-import';
import { markdownReport } from './report';
import type { BenchResults } from './results';
import { countTemplate } from './template';
import { learnerMarkdown, learnerPrices } from './learner-cost';

const ROOT = resolve(__dirname, '..');

const learner = (r: BenchResults) =>
  r.learner
    ? learnerMarkdown(r.learner, learnerPrices)
    : 'Not measured in this run: `npm run bench:learner` measures it and adds it to the results.';

/** Each page (relative to the repository root) and the generated sections it holds. */
export const DOC_SECTIONS: Record<string, Record<string, (r: BenchResults) => string>> = {
  'docs/benchmarks.md': {
    'bench:targets': targets,
    'bench:misses': misses,
    'bench:cost': costPerMillion,
    'bench:viral': viral,
    'bench:import': importFigures,
  },
  'docs/costs.md': { 'bench:cost-summary': costSummary, 'bench:learner': learner },
  'docs/performance.md': {
    'bench:perf-paths': paths,
    'bench:perf-writes': submissionWrites,
    'bench:perf-sweep': transactionSweep,
    'bench:perf-caches': caches,
    'bench:perf-side-by-side': cachesSideBySide,
    'bench:perf-bundles': bundles,
  },
};

/** Replaces each generated section of the pages under `root` with the figures of `results`. */
export function writeDocSections(results: BenchResults, root = ROOT): void {
  for (const [page, sections] of Object.entries(DOC_SECTIONS)) {
    const file = resolve(root, page);
    let text = readFileSync(file, 'utf8');
    for (const [name, render] of Object.entries(sections)) {
      const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
      if (!pattern.test(text)) throw new Error(`${page} has no ${name} markers`);
      text = text.replace(pattern, (_m, start: string, end: string) => `${start}${render(results)}\n${end}`);
    }
    writeFileSync(file, text);
  }
}

if (require.main === module) {
  const file = resolve(__dirname, 'results/latest.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  if (process.argv.includes('--reprice')) {
    // Prices the stored measurements (units, durations) again with the current cost model and template; measures nothing.
    results.costPerMillion = costModel(results.capacity, results.latency, countTemplate());
    results.repricedAt = new Date().toISOString();
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(resolve(__dirname, 'results/latest.md'), markdownReport(results, 'latest.svg'));
  }
  writeDocSections(results);
  console.log(
    `${Object.keys(DOC_SECTIONS).join(', ')}: benchmark sections regenerated from bench/results/latest.json (${results.mode} run of ${results.machine.date})`,
  );
}
