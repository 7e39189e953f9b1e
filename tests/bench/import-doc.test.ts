/** docs/import.md quotes the import benchmark's own results file, and the benchmark writes both from its run. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { MeasuredImport } from '../../bench/import';
import { IMPORT_DOC, importFigures, readImportResults, withFigures, writeImportResults } from '../../bench/import-doc';

const dir = mkdtempSync(join(tmpdir(), 'import-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('docs/import.md shows the figures of bench/results/import.json, as the benchmark writes them', () => {
  const page = readFileSync(IMPORT_DOC, 'utf8');
  const figures = importFigures(readImportResults());
  expect(page).toContain(figures);
  expect(figures).toMatch(/\*\*[\d,]+ comments\/s\*\*/);
});

it("a run writes its results file and the page's figures from what it measured", () => {
  const doc = join(dir, 'import.md');
  copyFileSync(IMPORT_DOC, doc);
  const results = join(dir, 'import.json');
  const measured: MeasuredImport = {
    comments: 1234,
    fileBytes: 2_000_000,
    articles: 321,
    hottestShare: 0.3,
    database: 'on disk',
    concurrency: 16,
    seconds: 6.17,
    commentsPerSecond: 200,
    imported: 1234,
    reimportSeconds: 3.5,
    reimportStoredNew: 0,
    sampleComments: 20,
    writeUnitsPerComment: 17.5,
    readUnitsPerComment: 0.5,
    estimatedWriteUnits: 21_595,
    writeUnitsByItem: { comment: 6 },
    memoryMb: { before: 150, peak: 180 },
  };
  writeImportResults(measured, { cores: 2, loadAverageStart: [1, 1, 1], loadAverageEnd: [1, 1, 1] }, { results, doc });
  const written = readImportResults(results);
  expect(written).toMatchObject(measured);
  const page = readFileSync(doc, 'utf8');
  expect(page).toContain('1,234 comments in 6.17 s (**200 comments/s**)');
  expect(page).toContain('150 MB before, at most 180 MB');
  // Only the figures changed: the rest of the page is as it was.
  expect(withFigures(page, 'X')).toBe(withFigures(readFileSync(IMPORT_DOC, 'utf8'), 'X'));
});
