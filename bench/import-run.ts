/**
 * `npm run bench:import [-- --comments N]`: only the import section, on its
 * own DynamoDB Local keeping its tables on disk as `npm run import` does;
 * prints the figures, writes bench/results/import.json and the figures in
 * docs/import.md. The full `npm run bench` does the same in its section 7.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDynamoDbLocal } from '../scripts/local/dynamodb-local';
import { measureImport } from './import';
import { writeImportResults } from './import-doc';

const loadAverage = () => loadavg().map((l) => Math.round(l * 10) / 10);

async function main(): Promise<void> {
  process.env.AWS_REGION = 'local';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const flag = process.argv.indexOf('--comments');
  const comments = flag > 0 ? Number(process.argv[flag + 1]) : 50_000;
  const started = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'import-bench-db-'));
  const dynamodb = await startDynamoDbLocal({ dataDir });
  try {
    const loadAverageStart = loadAverage();
    const result = await measureImport(dynamodb.endpoint, { comments, sample: 200, database: 'on disk' }, log);
    // Timings on a shared machine say little without its load.
    const machine = { cores: cpus().length, loadAverageStart, loadAverageEnd: loadAverage() };
    console.log(JSON.stringify({ ...result, machine }, null, 2));
    mkdirSync(resolve(__dirname, 'results'), { recursive: true });
    writeImportResults(result, machine);
    log('wrote bench/results/import.json and the figures in docs/import.md');
  } finally {
    await dynamodb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    // Exit even if a half-started DynamoDB Local still holds the event loop.
    process.exit(1);
  },
);
