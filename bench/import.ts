/**
 * Section 7: import. Generates a WordPress export of N comments with the
 * shape of a real site's (import-export-file.ts), imports it into fresh
 * tables on DynamoDB Local the way `npm run import` does (same reader, same
 * store, the same writes in flight, one counter update per article per
 * batch), sampling the process's memory as it goes, and imports it again
 * (idempotency: nothing new). Write units by AWS's transaction rules come
 * from a metered sample imported one at a time (replaying each transaction
 * item costs time, so not all N are metered).
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dynamoDbStores } from '../lambda/adapters/dynamodb/stores';
import { KeyedHasher } from '../lambda/domain/keyed-hash';
import { runImport } from '../scripts/import/run-import';
import { startDynamoDbLocal } from '../scripts/local/dynamodb-local';
import { CapacityMeter, instrument, localDocumentClient } from './instrumented-client';
import { round } from './stats';
import { serviceTables, shadowTables } from './tables';
import { TransactionShadow } from './transaction-cost';
import { articleSizes, writeExport } from './import-export-file';

export { writeExport } from './import-export-file';

export interface MeasuredImport {
  comments: number;
  fileBytes: number;
  /** Articles in the file, and the share of comments on the three hottest. */
  articles: number;
  hottestShare: number;
  /** Where DynamoDB Local kept the tables ("on disk", as under `npm run import`, or "in memory"). */
  database: string;
  concurrency: number;
  seconds: number;
  commentsPerSecond: number;
  imported: number;
  /** The same file again: every comment found already imported. */
  reimportSeconds: number;
  reimportStoredNew: number;
  /** Metered sample: write and read units per imported comment, by AWS's rules. */
  sampleComments: number;
  writeUnitsPerComment: number;
  readUnitsPerComment: number;
  /** Per-comment units × comments. */
  estimatedWriteUnits: number;
  writeUnitsByItem: Record<string, number>;
  /** Resident memory of the importing process (MB): before, and the highest seen while importing. */
  memoryMb: { before: number; peak: number };
}

type ShapeAndMemory = 'articles' | 'hottestShare' | 'database' | 'memoryMb';
/** As stored in the results: runs before the export had a real site's shape lack the shape and memory figures. */
export type ImportBenchResult = Omit<MeasuredImport, ShapeAndMemory> & Partial<Pick<MeasuredImport, ShapeAndMemory>>;

const CONCURRENCY = 64;
const hasher = new KeyedHasher('benchmark-hash-key-0123456789');

export async function measureImport(
  endpoint: string,
  sizes: { comments: number; sample: number; database: string },
  log: (line: string) => void,
): Promise<MeasuredImport> {
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  try {
    const file = join(dir, 'export.xml');
    await writeExport(file, sizes.comments);
    const sample = join(dir, 'sample.xml');
    await writeExport(sample, sizes.sample);

    const tables = await serviceTables(endpoint, 'imp_');
    const db = localDocumentClient(endpoint);
    const store = dynamoDbStores(db, tables.names);
    const open = () => createReadStream(file);
    log(
      `  importing ${sizes.comments.toLocaleString('en-US')} comments (up to ${CONCURRENCY} writes in flight; DynamoDB Local ${sizes.database})`,
    );
    const memory = sampleMemory();
    let started = performance.now();
    const first = await runImport({ open, store, hasher, concurrency: CONCURRENCY });
    const seconds = (performance.now() - started) / 1000;
    const memoryMb = memory.stop();
    log(
      `  ${first.imported} in ${round(seconds)} s (${Math.round(first.imported / seconds)}/s), memory ${memoryMb.before} → peak ${memoryMb.peak} MB`,
    );
    started = performance.now();
    const again = await runImport({ open, store, hasher, concurrency: CONCURRENCY });
    const reimportSeconds = (performance.now() - started) / 1000;

    // Units do not depend on the database's speed; an on-disk DynamoDB Local holding the whole export
    // took minutes per hundred metered comments, so the sample gets an in-memory one of its own.
    log(`  metering a sample of ${sizes.sample} comments, one at a time, on a DynamoDB Local of its own`);
    const { sampled, usage } = await meterSample(sample, hasher);
    const byItem: Record<string, number> = {};
    for (const item of usage.transactItems) byItem[item.item] = (byItem[item.item] ?? 0) + item.awsWriteUnits;
    const perComment = usage.writeUnits / sampled.imported;
    const articles = articleSizes(sizes.comments);
    return {
      comments: sizes.comments,
      fileBytes: statSync(file).size,
      articles: articles.length,
      hottestShare: round(articles.slice(0, 3).reduce((a, b) => a + b, 0) / sizes.comments),
      database: sizes.database,
      concurrency: CONCURRENCY,
      seconds: round(seconds),
      commentsPerSecond: Math.round(first.imported / seconds),
      imported: first.imported,
      reimportSeconds: round(reimportSeconds),
      reimportStoredNew: again.imported,
      sampleComments: sampled.imported,
      writeUnitsPerComment: round(perComment),
      readUnitsPerComment: round(usage.readUnits / sampled.imported),
      estimatedWriteUnits: Math.round(perComment * first.imported),
      writeUnitsByItem: Object.fromEntries(Object.entries(byItem).map(([item, units]) => [item, round(units / sampled.imported)])),
      memoryMb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The process's resident memory, sampled every 200 ms until stopped. */
function sampleMemory(): { stop(): { before: number; peak: number } } {
  const mb = () => Math.round(process.memoryUsage().rss / 1_048_576);
  const before = mb();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, mb());
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      return { before, peak: Math.max(peak, mb()) };
    },
  };
}

/** Imports the sample one comment at a time through the metered client, on a fresh in-memory DynamoDB Local. */
async function meterSample(sample: string, hasher: KeyedHasher) {
  const database = await startDynamoDbLocal({ inMemory: true });
  try {
    const { endpoint } = database;
    const sampleTables = await serviceTables(endpoint, 'imps_');
    const shadow = new TransactionShadow(localDocumentClient(endpoint), await shadowTables(endpoint, sampleTables, 'impshadow_'));
    const meter = new CapacityMeter();
    const metered = instrument(localDocumentClient(endpoint), meter, { labels: sampleTables.labels, shadow });
    const { value: sampled, usage } = await meter.measure(() =>
      runImport({
        open: () => createReadStream(sample),
        store: dynamoDbStores(metered, sampleTables.names),
        hasher,
        concurrency: 1,
      }),
    );
    return { sampled, usage };
  } finally {
    await database.stop();
  }
}
