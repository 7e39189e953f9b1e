/**
 * The import's figures in docs/import.md, written from bench/results/import.json
 * (which the benchmark writes from its run): the lines between the markers
 * are replaced, the rest of the page is left as it is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MeasuredImport } from './import';

export const IMPORT_RESULTS = resolve(__dirname, 'results', 'import.json');
export const IMPORT_DOC = resolve(__dirname, '..', 'docs', 'import.md');
const START = '<!-- import-figures:start (written by the benchmark from bench/results/import.json) -->';
const END = '<!-- import-figures:end -->';

export interface ImportResultsFile extends MeasuredImport {
  date: string;
  machine: { cores: number; loadAverageStart: number[]; loadAverageEnd: number[] };
}

const n = (value: number) => value.toLocaleString('en-US');

export function importFigures(r: ImportResultsFile): string {
  return [
    START,
    `Measured on ${r.date.slice(0, 10)} by the import benchmark on a ${r.machine.cores}-core machine (load ${r.machine.loadAverageStart.join(' / ')} at the start):`,
    `a generated export of ${n(r.comments)} comments (${n(Math.round(r.fileBytes / 1_048_576))} MB) on ${n(r.articles)} articles, ${Math.round(r.hottestShare * 100)} % of the comments on the three hottest,`,
    `into DynamoDB Local ${r.database}, up to ${r.concurrency} comments in flight.`,
    '',
    '| | result |',
    '| --- | --- |',
    `| first import | ${n(r.imported)} comments in ${r.seconds} s (**${n(r.commentsPerSecond)} comments/s**) |`,
    `| second import of the same file | ${n(r.reimportStoredNew)} stored in ${r.reimportSeconds} s |`,
    `| memory of the import process | ${r.memoryMb.before} MB before, at most ${r.memoryMb.peak} MB while importing |`,
    `| write units per comment (AWS's rules, ${r.sampleComments} metered) | ${r.writeUnitsPerComment} |`,
    END,
  ].join('\n');
}

export function readImportResults(path = IMPORT_RESULTS): ImportResultsFile {
  return JSON.parse(readFileSync(path, 'utf8')) as ImportResultsFile;
}

/** The page with its figures section replaced by `figures`. */
export function withFigures(page: string, figures: string): string {
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/import.md has no figures section (${START} … ${END})`);
  return page.slice(0, start) + figures + page.slice(end + END.length);
}

export function writeImportResults(
  result: MeasuredImport,
  machine: ImportResultsFile['machine'],
  paths: { results: string; doc: string } = { results: IMPORT_RESULTS, doc: IMPORT_DOC },
): void {
  const file: ImportResultsFile = { date: new Date().toISOString(), ...result, machine };
  writeFileSync(paths.results, `${JSON.stringify(file, null, 2)}\n`);
  writeFileSync(paths.doc, withFigures(readFileSync(paths.doc, 'utf8'), importFigures(file)));
}
