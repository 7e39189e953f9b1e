/**
 * DynamoDB outage during a load run, through the local runtime on its own
 * DynamoDB Local (a data directory and a fixed port, so it can come back on
 * the same data):
 *  1. DynamoDB Local is stopped (SIGTERM) and restarted on the same port
 *     and data directory;
 *  2. later it is frozen (SIGSTOP: connections hang, nothing answers) and
 *     thawed.
 * Throughout, every answer is 201/202 or 503 with Retry-After (never a 500,
 * never left hanging past a 10 s client timeout); afterwards every comment
 * acknowledged with 201/202 is there, and a client retrying its 503s with
 * the same Idempotency-Key ends with each comment stored exactly once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, startDynamoDbLocal, type DynamoDbLocal } from '../../scripts/local/dynamodb-local';
import { startLocalRuntime, type LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, api } from '../support/runtime';
import { publishFiguresIfAllPassed } from './area-figures';
import { percentile, scanAll, table } from './support';

const CLIENT_TIMEOUT_MS = 10_000;
const WORKERS = 12;
// Well past the ~6.5 s the client takes to give up on a silent database, even on two busy cores.
const FROZEN_MS = 12_000;
const ARTICLE = 'outage-article';

let runtime: LocalRuntime;
let dataDir: string;
let dynamoPort: number;
let restarted: DynamoDbLocal | undefined;
let frozenPid: number | undefined;
/** Written by the test once everything is checked; published only if it passed. */
let figures = '';
publishFiguresIfAllPassed('outage', () => figures);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'comments-outage-'));
  dynamoPort = await freePort();
  runtime = await startLocalRuntime({
    port: 0,
    dataDir,
    dynamoDbPort: dynamoPort,
    moderatorToken: MODERATOR_TOKEN,
    quiet: true,
    notifications: false,
  });
  expect((await api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: { floodSeconds: 0 } })).status).toBe(200);
});

afterAll(async () => {
  if (frozenPid) process.kill(frozenPid, 'SIGCONT');
  await runtime?.stop();
  await restarted?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The Java process under DynamoDB Local's shell guard (both started by this test). */
function javaPid(dynamodb: DynamoDbLocal): number {
  const out = execFileSync('pgrep', ['-x', 'java', '-P', String(dynamodb.process!.pid)], { encoding: 'utf8' }).trim();
  if (!/^\d+$/.test(out)) throw new Error(`expected one Java process under ${dynamodb.process!.pid}, found "${out}"`);
  return Number(out);
}

type Phase = 'before' | 'stopped' | 'restarted' | 'frozen' | 'thawed';
interface Attempt {
  n: number;
  key: string;
  /** When the answer came. */
  phase: Phase;
  status: number | 'timeout' | 'network error';
  id?: string;
  retryAfter?: string | null;
  ms: number;
  text?: string;
}

it('answers 503 with Retry-After while DynamoDB is down or frozen, and loses no acknowledged comment', { timeout: 120_000 }, async () => {
  let phase: Phase = 'before';
  let running = true;
  let counter = 0;
  const attempts: Attempt[] = [];
  const inputOf = (n: number) => ({
    comment: `Comment ${n} written during the outage test.`,
    author: `Outage writer ${n}`,
    email: `outage.${n}@example.com`,
    url: '',
  });
  const keyOf = (n: number) => `outage-key-${String(n).padStart(6, '0')}`;

  async function post(n: number): Promise<Attempt> {
    const started = performance.now();
    try {
      const response = await fetch(`${runtime.apiUrl}/articles/${ARTICLE}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': keyOf(n) },
        body: JSON.stringify(inputOf(n)),
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      const text = await response.text();
      const body = response.status < 300 ? (JSON.parse(text) as { id: string }) : undefined;
      return {
        n,
        key: keyOf(n),
        phase,
        status: response.status,
        id: body?.id,
        retryAfter: response.headers.get('retry-after'),
        ms: performance.now() - started,
        text,
      };
    } catch (error) {
      const timeout = (error as Error).name === 'TimeoutError';
      return {
        n,
        key: keyOf(n),
        phase,
        status: timeout ? 'timeout' : 'network error',
        ms: performance.now() - started,
        text: String(error),
      };
    }
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // Each client posts one comment after another; after a 503 it waits as Retry-After says, then posts the next.
  const workers = Array.from({ length: WORKERS }, async () => {
    while (running) {
      const attempt = await post(counter++);
      attempts.push(attempt);
      if (attempt.status === 503) await sleep(1000 * Number(attempt.retryAfter));
    }
  });

  await sleep(1000);
  // 1. Stop DynamoDB Local (SIGTERM to Java), then start it again on the same port and data.
  // Not SIGKILL: DynamoDB Local itself (not DynamoDB) acknowledges a TransactWriteItems a moment
  // before it is on disk, so a JVM killed outright loses the last acknowledged transaction.
  phase = 'stopped';
  await runtime.dynamodb.stop();
  await sleep(1500);
  restarted = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb'), port: dynamoPort });
  phase = 'restarted';
  await sleep(2000);
  // 2. A hang: freeze it, so connections open but nothing ever answers; then thaw it.
  frozenPid = javaPid(restarted);
  process.kill(frozenPid, 'SIGSTOP');
  phase = 'frozen';
  // Longer than the ~6.5 s the client takes to give up on a silent database, so 503s come while it is frozen.
  await sleep(FROZEN_MS);
  process.kill(frozenPid, 'SIGCONT');
  frozenPid = undefined;
  phase = 'thawed';
  await sleep(3000);
  running = false;
  await Promise.all(workers);

  // Every answer was an acknowledgement or a 503 with Retry-After, within the client's timeout.
  const wrong = attempts.filter((a) => a.status !== 201 && a.status !== 202 && !(a.status === 503 && Number(a.retryAfter) >= 1));
  expect(wrong.map((a) => `${a.phase} #${a.n}: ${a.status} ${a.text?.slice(0, 120)}`)).toEqual([]);
  const down = attempts.filter((a) => a.status === 503);
  expect(down.filter((a) => a.phase === 'stopped').length, '503s while DynamoDB Local is stopped').toBeGreaterThan(0);
  expect(
    down.filter((a) => a.phase === 'frozen').length,
    '503s while DynamoDB Local is frozen: a hung database must be answered, not waited for',
  ).toBeGreaterThan(0);

  // Every acknowledged comment is there after the restart, with what was sent.
  const acked = attempts.filter((a) => a.status === 201 || a.status === 202);
  const lost: string[] = [];
  for (const a of acked) {
    const stored = await api(runtime, 'GET', `/admin/comments/${a.id}`, { token: MODERATOR_TOKEN });
    if (stored.status !== 200 || stored.body.comment !== inputOf(a.n).comment || stored.body.email !== inputOf(a.n).email)
      lost.push(`#${a.n} ${a.id}: ${stored.status} (acknowledged ${a.status} in phase ${a.phase} after ${Math.round(a.ms)} ms)`);
  }
  expect(lost).toEqual([]);

  // A client retrying its 503s with the same Idempotency-Key gets each comment stored exactly once.
  const before = await scanAll(runtime.dynamodb.endpoint, runtime.tables.Comments!);
  const landedAnyway = down.filter((a) => before.some((i) => i.SK?.S === 'C' && i.comment?.S === inputOf(a.n).comment)).length;
  // As a client would: the same number of clients, each retrying after Retry-After until acknowledged.
  let pending = [...new Set(down.map((a) => a.n))];
  let rounds = 0;
  for (; pending.length > 0 && rounds < 10; rounds++) {
    if (rounds > 0) await sleep(1000 * Math.max(...down.map((a) => Number(a.retryAfter))));
    const queue = [...pending];
    const failed: number[] = [];
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
          const r = await post(n);
          if (r.status !== 201 && r.status !== 202) failed.push(n);
        }
      }),
    );
    pending = failed;
  }
  expect(pending).toEqual([]);
  const comments = (await scanAll(runtime.dynamodb.endpoint, runtime.tables.Comments!)).filter(
    (i) => i.SK?.S === 'C' && i.articleId?.S === ARTICLE,
  );
  expect(comments).toHaveLength(attempts.length);
  expect(new Set(comments.map((c) => c.comment?.S)).size).toBe(attempts.length);

  const phases: Phase[] = ['before', 'stopped', 'restarted', 'frozen', 'thawed'];
  const rows = phases.map((p) => {
    const mine = attempts.filter((a) => a.phase === p);
    const ms503 = mine
      .filter((a) => a.status === 503)
      .map((a) => a.ms)
      .sort((x, y) => x - y);
    return [
      p,
      mine.length,
      mine.filter((a) => a.status === 201 || a.status === 202).length,
      ms503.length,
      ms503.length ? `${Math.round(percentile(ms503, 50))} / ${Math.round(ms503.at(-1)!)} ms` : '—',
      mine.filter((a) => typeof a.status !== 'number' || a.status === 500).length,
    ];
  });
  const answered500 = attempts.filter((a) => a.status === 500).length;
  const hanging = attempts.filter((a) => typeof a.status !== 'number').length;
  figures = [
    '## Outage',
    '',
    `${WORKERS} clients post comments one after another (each with its own Idempotency-Key, ${CLIENT_TIMEOUT_MS / 1000} s client timeout, pausing as \`Retry-After\` says after a 503) while DynamoDB Local is stopped and restarted on the same port and data directory, then frozen with SIGSTOP for ${FROZEN_MS / 1000} s (connections open, nothing answers) and thawed. ` +
      'The DynamoDB client uses standard retry mode, 3 attempts, a 2 s connection timeout and a 2 s socket (no answer) timeout, so a dead or hung database is a 503 with `Retry-After` within about 6.5 s ' +
      "(sooner once the SDK's retry quota has been spent by the outage: then one 2 s attempt).",
    '',
    `**${attempts.length} submissions: ${acked.length} acknowledged, ${down.length} answered 503 with Retry-After, ${answered500} answered 500, ${hanging} left hanging; ${lost.length} acknowledged comments lost. ` +
      `${landedAnyway} of the 503s had been written all the same; retried with their Idempotency-Key (${rounds} round${rounds === 1 ? '' : 's'}), all were then acknowledged and ${comments.length} comments are stored, each exactly once.**`,
    '',
    table(['phase (when the answer came)', 'submissions', '201/202', '503', '503 answered in (median / max)', '500 or no answer'], rows),
    '',
    'A limit of DynamoDB Local, not of DynamoDB: when its JVM is killed outright (SIGKILL), the last TransactWriteItems it acknowledged can be missing after the restart ' +
      '(measured while writing this suite: 1 of about 350 acknowledged transactions per crash; PutItem was not affected). The test therefore stops it with SIGTERM, as `npm start` does.',
  ].join('\n');
});
