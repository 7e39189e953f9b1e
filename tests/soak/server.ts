/**
 * The server side of the soak: the local runtime (as `npm start` builds it,
 * with its own DynamoDB Local) in a process of its own, so that its memory
 * is measured apart from the load generator. Started by tests/soak/run.ts
 * over IPC with `node --expose-gc`; answers { ready }, then a memory
 * sample (after a full GC) whenever asked, and stops on "stop".
 */
import { startLocalRuntime } from '../../scripts/local/runtime';

interface Options {
  port: number;
  dataDir: string;
  moderatorToken: string;
}

const send = (message: unknown) => process.send?.(message);

async function main() {
  const options = JSON.parse(process.env.SOAK_SERVER ?? '{}') as Options;
  const runtime = await startLocalRuntime({
    port: options.port,
    dataDir: options.dataDir,
    inMemory: true,
    moderatorToken: options.moderatorToken,
    quiet: false,
  });
  send({ type: 'ready', url: runtime.url, pid: process.pid, javaPid: runtime.dynamodb.process?.pid });

  process.on('message', async (message: { type: string }) => {
    if (message.type === 'sample') {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      send({
        type: 'sample',
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        handles: (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length,
      });
    } else if (message.type === 'stop') {
      await runtime.stop();
      send({ type: 'stopped' });
      process.exit(0);
    }
  });
  // If the load generator dies, do not linger.
  process.on('disconnect', () => void runtime.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error('soak server failed:', error);
  process.exit(1);
});
