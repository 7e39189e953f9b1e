/**
 * `npm run bench:import [-- --comments N]`: only the import section, on its
 * own DynamoDB Local (in memory); prints the figures and writes
 * bench/results/import.json. The full `npm run bench` includes it too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startDynamoDbLocal } from '../scripts/local/dynamodb-local';
import { measureImport } from './import';

async function main(): Promise<void> {
  process.env.AWS_REGION = 'local';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const flag = process.argv.indexOf('--comments');
  const comments = flag > 0 ? Number(process.argv[flag + 1]) : 10_000;
  const started = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  const dynamodb = await startDynamoDbLocal({ inMemory: true });
  try {
    const loadAverageStart = loadavg().map((l) => Math.round(l * 10) / 10);
    const result = await measureImport(dynamodb.endpoint, { comments, sample: 200 }, log);
    // Timings on a shared machine say little without its load.
    const machine = { cores: cpus().length, loadAverageStart, loadAverageEnd: loadavg().map((l) => Math.round(l * 10) / 10) };
    console.log(JSON.stringify({ ...result, machine }, null, 2));
    const dir = resolve(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'import.json'), `${JSON.stringify({ date: new Date().toISOString(), ...result, machine }, null, 2)}\n`);
  } finally {
    await dynamodb.stop();
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
