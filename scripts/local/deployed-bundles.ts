/**
 * Serves the functions from the very bundles `cdk synth` uploads (minified
 * CommonJS, their own main fields and target) instead of the TypeScript
 * sources: `npm start -- --bundles`, and the bundle smoke tests.
 *
 * Each function runs in its own `node` process (lambda-bootstrap.cjs) with
 * the environment of its template entry, NODE_OPTIONS included, plus what
 * Lambda itself sets. Values the stack fills with references to its
 * resources (table names, secret and topic ARNs, origins) get their local
 * counterparts; the SDK clients inside the bundle reach DynamoDB Local and
 * the local Secrets Manager and SNS stand-ins through the standard
 * AWS_ENDPOINT_URL_<SERVICE> variables, so the bundle runs its cloud code path.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { TABLE_ENV } from '../../lambda/adapters/dynamodb/schema';
import { STREAM_DISPATCHER } from '../../lambda/background-functions';
import { PROJECT_ROOT } from '../build-web';
import { startAwsStandIns } from './aws-stand-ins';
import { type DeployedFunction, deployedFunctions } from './cloud-assembly';
import type { HandlerLoaderFactory, LocalService } from './handler-loader';
import { outboxPublisher } from './streams';

const BOOTSTRAP = join(PROJECT_ROOT, 'scripts', 'local', 'lambda-bootstrap.cjs');
const REGION = 'local';
const ACCOUNT = '000000000000';
const secretArn = (name: string) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}`;
const NOTIFY_TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:ModeratorNotifications`;

/** The local value of each variable that the template fills with a reference to a resource of the stack. */
const LOCAL_VALUES: Record<string, (service: LocalService) => string> = {
  [TABLE_ENV.Comments]: (s) => s.tables.Comments!,
  [TABLE_ENV.Private]: (s) => s.tables.Private!,
  HASH_KEY_SECRET_ARN: () => secretArn('HashKey'),
  CURSOR_KEY_SECRET_ARN: () => secretArn('CursorKey'),
  NOTIFY_TOPIC_ARN: () => NOTIFY_TOPIC_ARN,
  ALLOWED_ORIGINS: (s) => s.allowedOrigins.join(','),
  CONSOLE_URL: (s) => s.consoleUrl,
  // The purge bundle would call CloudFront; locally the edge stand-in is purged by the TypeScript handler, fed the same stream.
  EDGE_DISTRIBUTION_ID: () => 'LOCAL-EDGE',
};

/** Stream consumers the dispatcher bundle leaves to the TypeScript handlers locally (they call what has no stand-in). */
const NOT_FROM_BUNDLES = new Set(['PurgeEdgeCache']);

/** The function's environment as Lambda would give it, with local endpoints and local values for references. */
export function environmentFor(fn: DeployedFunction, service: LocalService, standInsEndpoint: string): Record<string, string> {
  const env: Record<string, string> = {
    // What Lambda sets itself.
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: fn.bundleDir,
    _HANDLER: fn.handler,
    TZ: 'UTC',
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // Local only: where the AWS APIs are, and nothing from this machine's own AWS configuration.
    AWS_ENDPOINT_URL_DYNAMODB: service.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: standInsEndpoint,
    AWS_ENDPOINT_URL_SNS: standInsEndpoint,
    AWS_CONFIG_FILE: join(tmpdir(), 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'no-aws-credentials'),
    // The SDK would warn that this machine's Node.js is older than the Lambda runtime's.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const [name, value] of Object.entries(fn.environment)) {
    if (typeof value === 'string') {
      env[name] = value;
      continue;
    }
    const local = LOCAL_VALUES[name];
    if (!local) throw new Error(`${fn.name}: no local value for ${name} (${JSON.stringify(value)}); add one to LOCAL_VALUES`);
    env[name] = local(service);
  }
  if (env.STREAM_CONSUMERS)
    env.STREAM_CONSUMERS = env.STREAM_CONSUMERS.split(',')
      .filter((c) => !NOT_FROM_BUNDLES.has(c))
      .join(',');
  return env;
}

type FromFunction =
  | { type: 'ready' }
  | { type: 'init-error'; error: { errorType: string; errorMessage: string } }
  | { type: 'result'; requestId: string; result: unknown }
  | { type: 'error'; requestId: string; error: { errorType: string; errorMessage: string } };

function prefixLines(stream: Readable | null, name: string): void {
  if (stream) createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
}

/** One warm execution environment: started on first use, one invocation at a time, restarted after a crash or timeout. */
class FunctionInstance {
  private child: Promise<ChildProcess> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fn: DeployedFunction,
    private readonly env: Record<string, string>,
    private readonly quiet: boolean,
  ) {}

  invoke(event: unknown): Promise<unknown> {
    const run = this.queue.then(() => this.invokeNow(event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    const child = await this.child?.catch(() => undefined);
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((exited) => {
      child.once('exit', () => exited());
      child.kill('SIGKILL');
    });
  }

  private start(): Promise<ChildProcess> {
    this.child ??= new Promise<ChildProcess>((ready, fail) => {
      const child = fork(BOOTSTRAP, [], {
        env: this.env,
        execArgv: [], // plain node: no TypeScript loader of the parent
        cwd: this.fn.bundleDir,
        stdio: this.quiet ? ['ignore', 'ignore', 'ignore', 'ipc'] : ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      prefixLines(child.stdout, this.fn.name);
      prefixLines(child.stderr, this.fn.name);
      child.once('message', (message: FromFunction) => {
        if (message.type === 'ready') ready(child);
        else if (message.type === 'init-error') fail(new Error(`${this.fn.name} failed to load: ${message.error.errorMessage}`));
      });
      child.once('error', fail);
      child.once('exit', (code, signal) => {
        fail(new Error(`${this.fn.name} exited while loading (${code ?? signal})`));
        // The next invocation starts a fresh environment.
        if (this.child === started) this.child = undefined;
      });
    });
    const started = this.child;
    started.catch(() => {
      if (this.child === started) this.child = undefined;
    });
    return started;
  }

  private async invokeNow(event: unknown): Promise<unknown> {
    const child = await this.start();
    const requestId = randomUUID();
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    return new Promise((answer, fail) => {
      const finish = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        finish();
        child.kill('SIGKILL');
        fail(new Error(`${this.fn.name}: Task timed out after ${this.fn.timeoutSeconds} seconds`));
      }, timeoutMs);
      const onMessage = (message: FromFunction) => {
        if (!('requestId' in message) || message.requestId !== requestId) return;
        finish();
        if (message.type === 'result') answer(message.result);
        else fail(Object.assign(new Error(message.error.errorMessage), { name: message.error.errorType }));
      };
      const onExit = (code: number | null) => {
        finish();
        fail(new Error(`${this.fn.name}: the process exited (${code}) during the invocation`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ type: 'invoke', requestId, deadline: Date.now() + timeoutMs, event });
    });
  }
}

/** A handler loader over the cloud assembly in `assemblyDir` (e.g. cdk.out). */
export function deployedBundles(assemblyDir: string): HandlerLoaderFactory {
  return async (service) => {
    const functions = new Map(deployedFunctions(assemblyDir).map((fn) => [fn.name, fn]));
    const standIns = await startAwsStandIns({
      secrets: new Map([
        [secretArn('HashKey'), service.hashKey],
        [secretArn('CursorKey'), service.cursorKey],
      ]),
      topics: new Map([[NOTIFY_TOPIC_ARN, outboxPublisher(service.outboxDir, service.quiet)]]),
    });
    const instances = new Map<string, FunctionInstance>();
    try {
      // Resolve every environment now: a variable without a local value fails the start, not a request.
      for (const fn of functions.values())
        instances.set(fn.name, new FunctionInstance(fn, environmentFor(fn, service, standIns.endpoint), service.quiet));
    } catch (error) {
      await standIns.stop();
      throw error;
    }
    const instance = (name: string) => {
      const found = instances.get(name);
      if (!found) throw new Error(`the cloud assembly in ${assemblyDir} has no function ${name}`);
      return found;
    };
    return {
      route: async (route) => {
        const fn = instance(route.name);
        return (event) => fn.invoke(event) as Promise<APIGatewayProxyResult>;
      },
      notifier: async () => {
        const fn = instance(STREAM_DISPATCHER.name);
        return (event) => fn.invoke(event);
      },
      stop: async () => {
        await Promise.all([...instances.values()].map((fn) => fn.stop()));
        await standIns.stop();
      },
    };
  };
}
