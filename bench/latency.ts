/**
 * Section 3: latency through the local HTTP server (the real handlers
 * behind the API Gateway stand-in, in a process of their own) against a
 * bare DynamoDB Local round trip from the same client library, in the same
 * run, at concurrency 1 and at the fixed load concurrency. Runs on the
 * filled tables of the scaling section. The server caches settings and
 * articles as deployed (SETTINGS_CACHE_SECONDS' default); a second server
 * that reads them on every request (cache time 0) is timed at the load
 * concurrency too, so the caches' effect is measured side by side.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../lambda/adapters/dynamodb/client';
import { commentItem, ITEM_ABSENT, ITEM_TYPE, KEY_PREFIX, keys } from '../lambda/adapters/dynamodb/items';
import { INDEXES, TABLE_KEY } from '../lambda/adapters/dynamodb/schema';
import { DEFAULT_SETTINGS_CACHE_SECONDS } from '../lambda/wiring/settings';
import { SyntheticComments } from './data';
import { closedLoop, httpLoad, type LoadStats } from './load';
import { ratio } from './stats';
import { sweepTransactionSizes, type TransactionSweep } from './transaction-sweep';
import type { TableNames } from './data';

export interface LatencyRun {
  concurrency: number;
  submit: LoadStats;
  list: LoadStats;
  barePut: LoadStats;
  /** The DynamoDB calls a warm function's submission makes, made directly: the two ban look-ups and the author's counts in parallel, then the same five-item transaction. */
  bareSubmitCalls: LoadStats;
  /** The five-item transaction alone: the floor of any submit that writes the comment and its guards atomically. */
  bareTransaction?: LoadStats;
  /** TransactWriteItems of 1 to 5 lock-sized items against a PutItem of one: how the floor grows with the items written. */
  transactionSweep?: TransactionSweep;
  bareQuery: LoadStats;
  /** A CORS preflight answered by the API Gateway stand-in itself: the local HTTP hop, no handler, no database. */
  httpHop: LoadStats;
  /** A moderator approving a pending comment, timed alone (its set-up post is not timed); concurrency 1 only. */
  approve?: LoadStats;
  /** Service p50 / bare p50. */
  submitToPut: number;
  submitToSubmitCalls: number;
  /** The bare transaction's p50 / the bare PutItem's. */
  transactionToPut?: number;
  listToQuery: number;
}

export interface LatencyResult {
  seconds: number;
  articleId: string;
  runs: LatencyRun[];
  /** Bytes the handlers wrote to stdout (their JSON log line and EMF metrics) per request, at concurrency 1. */
  handlerLogBytesPerRequest?: { submit: number; list: number; approve: number };
  /** The same submit and list at the load concurrency on a server that reads settings and the article on every request. */
  uncached?: { concurrency: number; submit: LoadStats; list: LoadStats; submitToPut: number; listToQuery: number };
}

const SUBMIT_ARTICLES = 20;

export async function measureLatency(
  endpoint: string,
  prefix: string,
  tables: TableNames,
  options: { concurrency: number; seconds: number; warmupSeconds: number; listArticle: string },
  log: (line: string) => void,
): Promise<LatencyResult> {
  const token = randomBytes(18).toString('base64url');
  const { child, apiUrl, logBytes } = await startServer(endpoint, prefix, token, DEFAULT_SETTINGS_CACHE_SECONDS);
  try {
    const admin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // One client address sends everything: flood control off, as the brief of a load test requires.
    const settings = await fetch(`${apiUrl}/admin/settings`, { method: 'PUT', headers: admin, body: JSON.stringify({ floodSeconds: 0 }) });
    if (!settings.ok) throw new Error(`PUT /admin/settings answered ${settings.status}: ${await settings.text()}`);

    let n = 0;
    const submitBody = () => {
      n += 1;
      return JSON.stringify({
        comment: `Load test comment ${n} ${token}: a typical short remark on the story.`,
        author: `Load ${n}`,
        email: `load.${n}@example.com`,
        url: '',
      });
    };
    const submitLoad = (article: number) => ({
      url: `${apiUrl}/articles/article-${String(article).padStart(4, '0')}/comments`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: submitBody,
    });
    // Every article the load posts to gets its first comment now, so the measured posts are all ordinary ones.
    for (let a = 1; a <= SUBMIT_ARTICLES; a++) {
      const r = await fetch(submitLoad(a).url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: submitBody() });
      if (r.status !== 202 && r.status !== 201) throw new Error(`a warm-up post answered ${r.status}: ${await r.text()}`);
    }
    const submit = { ...submitLoad(1), url: `${apiUrl}/articles/article-0001/comments` };
    const list = { url: `${apiUrl}/articles/${options.listArticle}/comments?limit=50`, method: 'GET' as const };
    const preflight = {
      url: list.url,
      method: 'OPTIONS' as const,
      headers: { origin: new URL(apiUrl).origin, 'access-control-request-method': 'GET' },
    };

    const db = createDocumentClient(endpoint);
    let k = 0;
    const barePut = () => {
      k += 1;
      const at = new Date().toISOString();
      const id = `bare${token.slice(0, 6)}${k}`;
      const item = commentItem({
        id,
        articleId: 'article-0001',
        parentId: null,
        author: `Load ${k}`,
        url: null,
        comment: `Load test comment ${k}: a typical short remark on the story.`,
        status: 'pending',
        createdAt: at,
        updatedAt: at,
        version: 1,
        reasons: [],
      });
      return db.send(new PutCommand({ TableName: tables.comments, Item: item }));
    };
    const synthetic = new SyntheticComments(tables, 99);
    let m = 50_000_000;
    // The comment, its history, contact and two duplicate locks, each conditional as the store writes them.
    const bareTransaction = () => {
      const rows = synthetic.rows(m++, { articleId: 'article-0001', status: 'pending', createdAt: new Date() });
      const conditional = (item: Record<string, unknown>) => item.type === ITEM_TYPE.comment || item.type === ITEM_TYPE.duplicateGuard;
      return db.send(
        new TransactWriteCommand({
          TransactItems: rows.map((r) => ({
            Put: { TableName: r.table, Item: r.item, ...(conditional(r.item) ? { ConditionExpression: ITEM_ABSENT } : {}) },
          })),
        }),
      );
    };
    const bareSubmitCalls = async () => {
      // Settings, article and site model come from the warm function's caches; the bans of the email and the
      // address and the author's counts the model reads are read together.
      await Promise.all([
        db.send(new GetCommand({ TableName: tables.private, Key: keys.author(`${token}${m}`) })),
        ...['email', 'address'].map((subject) =>
          db.send(
            new QueryCommand({
              TableName: tables.private,
              KeyConditionExpression: `${TABLE_KEY.partition.name} = :pk`,
              ExpressionAttributeValues: { ':pk': `${KEY_PREFIX.banned}${subject}:${token}${m}` },
              Limit: 50,
              ConsistentRead: true,
            }),
          ),
        ),
      ]);
      await bareTransaction();
    };
    const bareQuery = () =>
      db.send(
        new QueryCommand({
          TableName: tables.comments,
          IndexName: INDEXES.published.indexName,
          KeyConditionExpression: `${INDEXES.published.partitionKey.name} = :pk`,
          ExpressionAttributeValues: { ':pk': options.listArticle },
          Limit: 51,
        }),
      );

    // Approve alone: each call posts a pending comment (untimed), then times the approve of it.
    const approveOnce = async (): Promise<number> => {
      const posted = await fetch(submit.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: submitBody() });
      const { id } = (await posted.json()) as { id: string };
      const started = performance.now();
      const approved = await fetch(`${apiUrl}/admin/comments/${id}/approve`, { method: 'POST', headers: admin, body: '{}' });
      await approved.arrayBuffer();
      if (!approved.ok) throw new Error(`approve answered ${approved.status}`);
      return performance.now() - started;
    };
    // Log bytes per request: what the handlers print while one kind of request runs alone.
    const logged: Partial<Record<'submit' | 'list' | 'approve', number>> = {};
    const countLog = async (name: 'submit' | 'list' | 'approve', requests: number, run: () => Promise<unknown>) => {
      const before = logBytes();
      for (let i = 0; i < requests; i++) await run();
      logged[name] = Math.round((logBytes() - before) / requests);
    };
    await countLog('submit', 20, () =>
      fetch(submit.url, { method: 'POST', headers: submit.headers, body: submitBody() }).then((r) => r.arrayBuffer()),
    );
    await countLog('list', 20, () => fetch(list.url).then((r) => r.arrayBuffer()));
    // The approve's own set-up post is logged too: subtract a submission's bytes.
    await countLog('approve', 20, approveOnce);
    logged.approve = Math.max(0, (logged.approve ?? 0) - (logged.submit ?? 0));
    log(`  handler log bytes per request: ${JSON.stringify(logged)}`);

    const runs: LatencyRun[] = [];
    for (const concurrency of [1, options.concurrency]) {
      const measure = async <T>(name: string, run: (seconds: number) => Promise<T>): Promise<T> => {
        await run(options.warmupSeconds);
        const result = await run(options.seconds);
        log(`  ${name} @${concurrency}: ${JSON.stringify(result)}`);
        return result;
      };
      const submitStats = await measure('submit', (s) => httpLoad(submit, concurrency, s));
      const putStats = await measure('bare PutItem', (s) => closedLoop(barePut, concurrency, s));
      const submitCallsStats = await measure("bare submit's calls", (s) => closedLoop(bareSubmitCalls, concurrency, s));
      const transactionStats = await measure('bare transaction', (s) => closedLoop(bareTransaction, concurrency, s));
      // Half as long per size: five sizes and their PutItem.
      const sweep = await sweepTransactionSizes(db, tables.private, {
        concurrency,
        seconds: options.seconds / 2,
        warmupSeconds: options.warmupSeconds / 2,
      });
      log(`  transaction sweep @${concurrency}: ${sweep.rows.map((row) => `${row.items} items ${row.toPut}x`).join(', ')}`);
      const listStats = await measure('list', (s) => httpLoad(list, concurrency, s));
      const queryStats = await measure('bare Query', (s) => closedLoop(bareQuery, concurrency, s));
      const hopStats = await measure('HTTP hop (preflight)', (s) => httpLoad(preflight, concurrency, s));
      const approveStats = concurrency === 1 ? await measure('approve', (s) => closedLoop(approveOnce, 1, s)) : undefined;
      runs.push({
        concurrency,
        submit: submitStats,
        list: listStats,
        barePut: putStats,
        bareSubmitCalls: submitCallsStats,
        bareTransaction: transactionStats,
        transactionSweep: sweep,
        bareQuery: queryStats,
        httpHop: hopStats,
        ...(approveStats ? { approve: approveStats } : {}),
        submitToPut: ratio(submitStats.p50Ms, putStats.p50Ms),
        submitToSubmitCalls: ratio(submitStats.p50Ms, submitCallsStats.p50Ms),
        transactionToPut: ratio(transactionStats.p50Ms, putStats.p50Ms),
        listToQuery: ratio(listStats.p50Ms, queryStats.p50Ms),
      });
    }
    db.destroy();
    const loaded = runs[runs.length - 1]!;
    const uncached = await timeUncached(endpoint, prefix, token, { submit, list }, options, log);
    return {
      seconds: options.seconds,
      articleId: options.listArticle,
      runs,
      uncached: {
        ...uncached,
        submitToPut: ratio(uncached.submit.p50Ms, loaded.barePut.p50Ms),
        listToQuery: ratio(uncached.list.p50Ms, loaded.bareQuery.p50Ms),
      },
      handlerLogBytesPerRequest: { submit: logged.submit ?? 0, list: logged.list ?? 0, approve: logged.approve ?? 0 },
    };
  } finally {
    await stopServer(child);
  }
}

/** Submit and list at the load concurrency on a server that reads settings and articles on every request (the caches off). */
async function timeUncached(
  endpoint: string,
  prefix: string,
  token: string,
  requests: { submit: Parameters<typeof httpLoad>[0]; list: Parameters<typeof httpLoad>[0] },
  options: { concurrency: number; seconds: number; warmupSeconds: number },
  log: (line: string) => void,
) {
  const { child, apiUrl } = await startServer(endpoint, prefix, token, 0);
  try {
    const at = (request: Parameters<typeof httpLoad>[0]) => ({
      ...request,
      url: request.url.replace(/^.*?\/articles\//, `${apiUrl}/articles/`),
    });
    const measure = async (name: string, request: Parameters<typeof httpLoad>[0]) => {
      await httpLoad(at(request), options.concurrency, options.warmupSeconds);
      const result = await httpLoad(at(request), options.concurrency, options.seconds);
      log(`  ${name} @${options.concurrency}, caches off: ${JSON.stringify(result)}`);
      return result;
    };
    return {
      concurrency: options.concurrency,
      submit: await measure('submit', requests.submit),
      list: await measure('list', requests.list),
    };
  } finally {
    await stopServer(child);
  }
}

async function startServer(
  endpoint: string,
  prefix: string,
  token: string,
  settingsCacheSeconds: number,
): Promise<{ child: ChildProcess; apiUrl: string; logBytes: () => number }> {
  const child = fork(resolve(__dirname, 'server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      AWS_REGION: 'local',
      BENCH_DYNAMODB_ENDPOINT: endpoint,
      BENCH_TABLE_PREFIX: prefix,
      BENCH_MODERATOR_TOKEN: token,
      BENCH_SETTINGS_CACHE_SECONDS: String(settingsCacheSeconds),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    // The handlers log as deployed (JSON lines, EMF metrics): counted, for the cost model's log bytes, not kept.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let bytes = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const apiUrl = await new Promise<string>((ok, fail) => {
    child.once('message', (m: { apiUrl?: string }) => (m.apiUrl ? ok(m.apiUrl) : fail(new Error('the bench server sent no URL'))));
    child.once('exit', (code) => fail(new Error(`the bench server exited (${code}) before it was ready`)));
  });
  return { child, apiUrl, logBytes: () => bytes };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.disconnect();
  setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  await exited;
}
