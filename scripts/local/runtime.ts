/**
 * The whole service on one machine: DynamoDB Local, the tables from the
 * shared definitions, the API (same handlers, same route table) and the
 * pages. Used by `npm start` and by the integration and browser tests.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { TABLE_ENV } from '../../lambda/adapters/dynamodb/schema';
import { purgeEdgeCacheOfChanges } from '../../lambda/handlers/purge-edge-cache';
import { EDGE_CACHE_ENV } from '../../lambda/http/edge-cache';
import { articleCachePath } from '../../lambda/domain/ports/edge-cache-purger';
import type { Route } from '../../lambda/routes';
import { corsFor, handleApi, API_PREFIX } from './api-gateway';
import { LocalSetupError, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import type { HandlerLoaderFactory } from './handler-loader';
import { servePage } from './pages';
import { serveOpenApi } from './openapi-route';
import { LocalEdge } from './edge';
import { answerWhileStarting } from './starting';
import { startLocalStreams, type LocalStreams } from './streams';
import { ensureTables } from './tables';

export interface RuntimeOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  inMemory?: boolean;
  moderatorToken?: string;
  userToken?: string;
  dynamoDbPort?: number;
  /** Use an already running DynamoDB Local instead of starting one (tests share one). */
  dynamoDbEndpoint?: string;
  /** Prefix for table names, so several runtimes can share one DynamoDB Local. */
  tablePrefix?: string;
  routes?: readonly Route[];
  /** Keep request logs quiet (tests). */
  quiet?: boolean;
  /** Read the comments stream: moderator notifications to DATA_DIR/outbox, reply mails to DATA_DIR/outbox/mail (default true). */
  notifications?: boolean;
  /** How often the stream is read, in ms (default 1000). */
  streamPollMs?: number;
  /** Where the functions come from; by default each route's TypeScript module (see handler-loader.ts). */
  handlers?: HandlerLoaderFactory;
  /** Serve the public reads through the local edge stand-in (default true), purged from the stream as CloudFront is. */
  edge?: boolean;
  /** The edge cache's s-maxage and stale-while-revalidate, in seconds (default EDGE_CACHE_SECONDS / EDGE_STALE_SECONDS, else 10 and 20). */
  edgeFreshSeconds?: number;
  edgeStaleSeconds?: number;
  /** How long settings and articles read may be reused (default 0: a change applies to the next request). */
  settingsCacheSeconds?: number;
}

export interface LocalRuntime {
  url: string;
  apiUrl: string;
  moderatorToken: string;
  dynamodb: DynamoDbLocal;
  tables: Record<string, string>;
  /** The stream reader, unless both notifications and the edge are off. */
  streams: LocalStreams | undefined;
  /** The edge stand-in in front of the public reads, unless turned off. */
  edge: LocalEdge | undefined;
  server: Server;
  stop(): Promise<void>;
}

/** A DynamoDB Local someone else started and stops. */
function externalDynamoDb(endpoint: string): DynamoDbLocal {
  return { endpoint, port: Number(new URL(endpoint).port), process: undefined, stop: async () => undefined };
}

/** In DATA_DIR while `npm start` runs: the endpoint of its DynamoDB Local. */
export const DYNAMODB_ENDPOINT_FILE = 'dynamodb-endpoint';

const secret = () => randomBytes(24).toString('base64url');

/** Keys survive restarts with the data (hashes and cursors must stay valid); in memory they are fresh. The importer uses the same keys. */
export function serviceKeys(dataDir: string, inMemory: boolean): { hashKey: string; cursorKey: string } {
  if (inMemory) return { hashKey: secret(), cursorKey: secret() };
  const file = join(dataDir, 'keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const keys = { hashKey: secret(), cursorKey: secret() };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        fail(
          new LocalSetupError(`Port ${port} is in use: stop the other process or start on another port, e.g. PORT=${port + 1} npm start`),
        );
      else fail(error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      ok(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function startLocalRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(options.dataDir ?? '.data');
  const inMemory = options.inMemory ?? false;
  const moderatorToken = options.moderatorToken ?? secret();
  const keys = serviceKeys(dataDir, inMemory);

  // Claim the HTTP port first so a taken port fails before Java starts; until
  // the service is ready every request gets a 503 to retry, never a hang.
  let allowedOrigins: string[] = [];
  let answer: RequestListener = (req, res) => answerWhileStarting(req, res, corsFor(req.headers.origin, allowedOrigins));
  const server = createServer((req, res) => answer(req, res));
  const port = await listen(server, options.port ?? 3000, host);
  const origin = `http://${host}:${port}`;
  allowedOrigins = [origin, `http://localhost:${port}`];

  let dynamodb: DynamoDbLocal;
  try {
    dynamodb = options.dynamoDbEndpoint
      ? externalDynamoDb(options.dynamoDbEndpoint)
      : await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb'), inMemory, port: options.dynamoDbPort });
  } catch (error) {
    server.close();
    throw error;
  }
  let tables: Record<string, string>;
  try {
    tables = await ensureTables(dynamodb.endpoint, options.tablePrefix ?? '');
  } catch (error) {
    server.close();
    await dynamodb.stop();
    throw error;
  }
  // Tells `npm run import` where this server's database answers (it must not open the same files twice).
  const endpointFile = inMemory || options.dynamoDbEndpoint ? undefined : join(dataDir, DYNAMODB_ENDPOINT_FILE);
  if (endpointFile) writeFileSync(endpointFile, dynamodb.endpoint);

  Object.assign(process.env, {
    [TABLE_ENV.Comments]: tables.Comments,
    [TABLE_ENV.Private]: tables.Private,
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
    HASH_KEY: keys.hashKey,
    CURSOR_KEY: keys.cursorKey,
    ALLOWED_ORIGINS: allowedOrigins.join(','),
    // Settings changes apply to the next request locally (the benchmark sets the deployed cache time).
    SETTINGS_CACHE_SECONDS: String(options.settingsCacheSeconds ?? 0),
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: options.quiet ? 'SILENT' : (process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Reply notifications: the local outbox "sends" them; links point at this server.
    MAIL_FROM: process.env.MAIL_FROM ?? 'comments@example.com',
    PUBLIC_API_URL: `${origin}${API_PREFIX}`,
    ARTICLE_URL: process.env.ARTICLE_URL ?? `${origin}/#comments`,
    REPLY_NOTIFICATIONS: options.notifications === false ? 'off' : 'on',
  });
  if (options.edgeFreshSeconds !== undefined) process.env[EDGE_CACHE_ENV.freshSeconds] = String(options.edgeFreshSeconds);
  if (options.edgeStaleSeconds !== undefined) process.env[EDGE_CACHE_ENV.staleSeconds] = String(options.edgeStaleSeconds);

  const outboxDir = join(dataDir, 'outbox');
  const consoleUrl = `${origin}/admin`;
  const loader = await options
    .handlers?.({
      tables,
      dynamoDbEndpoint: dynamodb.endpoint,
      ...keys,
      allowedOrigins,
      consoleUrl,
      outboxDir,
      quiet: options.quiet ?? false,
    })
    .catch(async (error: unknown) => {
      server.close();
      await dynamodb.stop();
      throw error;
    });

  // The edge stand-in, purged by the same stream handler that invalidates CloudFront deployed.
  const edge = options.edge === false ? undefined : new LocalEdge();
  const purger = edge && {
    purgeArticles: async (articleIds: readonly string[]) => {
      for (const articleId of articleIds) edge.purge(articleCachePath(API_PREFIX, articleId).slice(0, -1));
    },
  };

  // Moderator notifications and edge purges from the comments stream; the API works without them.
  const notify = options.notifications !== false;
  const streams =
    !notify && !purger
      ? undefined
      : await startLocalStreams({
          notify,
          consumers: purger ? [purgeEdgeCacheOfChanges(() => purger)] : [],
          endpoint: dynamodb.endpoint,
          tableName: tables.Comments!,
          outboxDir,
          mailDir: join(outboxDir, 'mail'),
          consoleUrl,
          pollMs: options.streamPollMs,
          quiet: options.quiet,
          handler: loader && ((event) => loader.notifier().then((notify) => notify(event))),
        }).catch((error: unknown) => {
          console.warn(
            `streams: moderator notifications and edge purges are off (${error instanceof Error ? error.message : String(error)})`,
          );
          return undefined;
        });

  const gateway = {
    routes: options.routes,
    loadHandler: loader?.route,
    credentials: { moderatorToken, userToken: options.userToken ?? process.env.LOCAL_USER_TOKEN },
    allowedOrigins,
    edge,
    afterWrite: edge && streams ? () => streams.pollNow() : undefined,
  };
  answer = (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    Promise.resolve()
      .then(async () => (await serveOpenApi(req, res, url, `${origin}${API_PREFIX}`)) || handleApi(req, res, url, gateway))
      .then(async (handled) => handled || (await servePage(req, res, url, { apiUrl: `${origin}${API_PREFIX}` })))
      .then((handled) => {
        if (!handled) {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('Not found');
        }
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'InternalError', message: 'The local server failed.' }));
      });
  };

  let stopped: Promise<void> | undefined;
  return {
    url: origin,
    apiUrl: `${origin}${API_PREFIX}`,
    moderatorToken,
    dynamodb,
    tables,
    streams,
    edge,
    server,
    stop: () =>
      (stopped ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await streams?.stop();
        await loader?.stop();
        if (endpointFile) rmSync(endpointFile, { force: true });
        await dynamodb.stop();
      })()),
  };
}
