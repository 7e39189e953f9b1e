/**
 * The local HTTP server (real handlers, API Gateway stand-in) in a process
 * of its own, so the load generator does not share its event loop. Started
 * by latency.ts with fork(); reports its API URL over IPC and stops when the
 * parent disconnects.
 */
import { startLocalRuntime } from '../scripts/local/runtime';

async function main() {
  const runtime = await startLocalRuntime({
    port: 0,
    inMemory: true,
    dynamoDbEndpoint: process.env.BENCH_DYNAMODB_ENDPOINT,
    tablePrefix: process.env.BENCH_TABLE_PREFIX,
    moderatorToken: process.env.BENCH_MODERATOR_TOKEN,
    quiet: true,
    // Section 3 times the functions themselves; the edge is section 8's subject.
    edge: false,
    // The deployed cache time of settings and articles, or 0 for the side-by-side run without the caches.
    settingsCacheSeconds: Number(process.env.BENCH_SETTINGS_CACHE_SECONDS ?? '0'),
  });
  process.send?.({ apiUrl: runtime.apiUrl });
  process.once('disconnect', () => void runtime.stop().finally(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
