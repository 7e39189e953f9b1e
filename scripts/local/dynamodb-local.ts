/**
 * Runs AWS DynamoDB Local (the jar shipped in the npm package
 * amplify-dynamodb-simulator) with the machine's Java, as one shared database
 * whatever region or credentials a client uses (-sharedDb), so an AWS_REGION
 * in the environment cannot split the tables from the handlers.
 *
 * Java is started under a tiny shell guard that kills it as soon as our
 * stdin pipe closes, so even if this Node process is killed with SIGKILL no
 * Java process is left behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export class LocalSetupError extends Error {}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Undefined when the instance was started elsewhere. */
  process: ChildProcess | undefined;
  stop(): Promise<void>;
}

function emulatorDir(): string {
  const pkg = require.resolve('amplify-dynamodb-simulator/package.json');
  return join(dirname(pkg), 'emulator');
}

function javaBinary(): string {
  const candidates = [process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : undefined, 'java'].filter(Boolean) as string[];
  for (const java of candidates) {
    const probe = spawnSync(java, ['-version'], { stdio: 'ignore' });
    if (probe.status === 0) return java;
  }
  throw new LocalSetupError('Java was not found; DynamoDB Local needs it. Install it with: sudo apt-get install default-jre-headless');
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export async function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((ok) => {
    const server = createServer();
    server.once('error', () => ok(false));
    server.listen(port, host, () => server.close(() => ok(true)));
  });
}

export async function startDynamoDbLocal(options: { dataDir?: string; inMemory?: boolean; port?: number }): Promise<DynamoDbLocal> {
  const java = javaBinary();
  const port = options.port ?? (await freePort());
  if (options.port !== undefined && !(await portIsFree(port))) {
    throw new LocalSetupError(`Port ${port} for DynamoDB Local is in use: stop what uses it or set DYNAMODB_PORT to another port.`);
  }
  const dir = emulatorDir();
  const storage = options.inMemory ? ['-inMemory'] : ['-dbPath', resolve(options.dataDir ?? '.data')];
  if (!options.inMemory) mkdirSync(resolve(options.dataDir ?? '.data'), { recursive: true });
  const javaArgs = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-Xmx512m',
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-disableTelemetry',
    '-sharedDb',
    ...storage,
  ];
  // The guard: run java in the background, wait for stdin to close, then stop java.
  const guard = 'trap \'kill $pid 2>/dev/null; exit 0\' TERM INT; "$@" & pid=$!; cat >/dev/null; kill $pid 2>/dev/null; wait $pid';
  const child = spawn('sh', ['-c', guard, 'dynamodb-local', java, ...javaArgs], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new LocalSetupError(`DynamoDB Local exited at start-up: ${stderr.trim() || 'no output'}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new LocalSetupError(`DynamoDB Local did not answer on ${endpoint} within 30 s: ${stderr.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();

  return {
    endpoint,
    port,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.stdin?.end();
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
