/**
 * npm run soak [-- --minutes 10 --rate 30 --no-report]
 *
 * Mixed traffic at a fixed rate (open loop: request n leaves at n / rate
 * seconds whatever happened to the others) through the local runtime, for
 * `--minutes` (default 10). The server (the same runtime `npm start` builds,
 * with its own DynamoDB Local, logging at INFO) runs in its own process so
 * that its memory is measured alone, after a full GC, every 10 s.
 *
 * Reports errors (any 5xx, a network error, no answer within 10 s, or an
 * answer other than the one expected: a bad input must be its 4xx, a good
 * request its 2xx), latency percentiles, and memory growth of the server
 * process; writes the summary into docs/reliability.md ("Soak") unless
 * --no-report. Exits 1 if there was any error. Not part of `npm test`.
 */
import { fork, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../scripts/local/dynamodb-local';
import { badInputs, bodyBytes, resolveCase, type BadInput, type CorpusContext } from '../fixtures/bad-inputs/corpus';
import { publish, writeFigures } from '../reliability/figures';
import { percentile, send, table, type RawResponse } from '../reliability/support';

// ------------------------------------------------------------------ options

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const MINUTES = option('minutes', 10);
const RATE = option('rate', 30);
const REPORT = !process.argv.includes('--no-report');
const CLIENT_TIMEOUT_MS = 10_000;
const SAMPLE_EVERY_MS = 10_000;
const MAX_IN_FLIGHT = 1000;
const TOKEN = `soak-${randomBytes(12).toString('hex')}`;
const ARTICLES = Array.from({ length: 5 }, (_, i) => `soak-article-${i}`);

// ------------------------------------------------------------- the server

interface Sample {
  atMs: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  handles: number;
  javaRss: number | null;
}

type Message =
  | { type: 'ready'; url: string; pid: number; javaPid?: number }
  | ({ type: 'sample' } & Omit<Sample, 'atMs' | 'javaRss'>)
  | { type: 'stopped' };

const dataDir = mkdtempSync(join(tmpdir(), 'comments-soak-'));
let serverErrors = 0;
let serverWarnings = 0;

/** Starts tests/soak/server.ts (stdout, the INFO logs, goes to /dev/null; stderr is counted). */
function startServer(port: number) {
  const child = fork(resolve(__dirname, 'server.ts'), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: {
      ...process.env,
      SOAK_SERVER: JSON.stringify({ port, dataDir, moderatorToken: TOKEN }),
      POWERTOOLS_LOG_LEVEL: 'INFO',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    serverErrors += (text.match(/"level":\s*"ERROR"/g) ?? []).length;
    serverWarnings += (text.match(/"level":\s*"WARN"/g) ?? []).length;
    if (!text.includes('"level"')) process.stderr.write(text);
  });
  const waiters: Array<{ take: (m: Message) => boolean; fail: (e: Error) => void }> = [];
  child.on('message', (m: Message) => {
    const i = waiters.findIndex((w) => w.take(m));
    if (i >= 0) waiters.splice(i, 1);
  });
  child.once('exit', (code) => {
    for (const w of waiters.splice(0)) w.fail(new Error(`the soak server exited (${code})`));
  });
  const next = <T extends Message['type']>(type: T) =>
    new Promise<Extract<Message, { type: T }>>((ok, fail) => {
      waiters.push({
        take: (m) => {
          if (m.type !== type) return false;
          ok(m as Extract<Message, { type: T }>);
          return true;
        },
        fail,
      });
    });
  return { child, next };
}

function javaRss(guardPid: number | undefined): number | null {
  if (!guardPid) return null;
  try {
    const pid = execFileSync('pgrep', ['-x', 'java', '-P', String(guardPid)], { encoding: 'utf8' }).trim();
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ traffic

type Op = 'list' | 'submit' | 'moderate' | 'queue' | 'adminGet' | 'bad' | 'page';
const MIX: Array<[Op, number]> = [
  ['list', 40],
  ['submit', 25],
  ['moderate', 10],
  ['queue', 6],
  ['adminGet', 5],
  ['bad', 9],
  ['page', 5],
];
const totalWeight = MIX.reduce((n, [, w]) => n + w, 0);
function pickOp(): Op {
  let r = Math.random() * totalWeight;
  for (const [op, w] of MIX) if ((r -= w) < 0) return op;
  return 'list';
}

interface Result {
  op: Op;
  atMs: number;
  ms: number;
  status: number | 'timeout' | 'network error';
  error: string | null;
}

const results: Result[] = [];
let base = '';
let counter = 0;
const pending: string[] = [];
const known: string[] = [];
const cursors = new Map<string, string>();
let corpus: BadInput[] = [];

const auth: [string, string] = ['Authorization', `Bearer ${TOKEN}`];
const jsonType: [string, string] = ['Content-Type', 'application/json'];
const pickOf = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

async function request(
  op: Op,
  started: number,
  req: Parameters<typeof send>[1],
  expect: (res: RawResponse) => string | null,
): Promise<RawResponse | null> {
  const t = performance.now();
  try {
    const res = await send(base, req, CLIENT_TIMEOUT_MS);
    const problem = res.status >= 500 ? `${res.status} ${res.text.slice(0, 120)}` : expect(res);
    results.push({ op, atMs: started, ms: performance.now() - t, status: res.status, error: problem });
    return res;
  } catch (error) {
    const timeout = String(error).includes('no answer within');
    results.push({
      op,
      atMs: started,
      ms: performance.now() - t,
      status: timeout ? 'timeout' : 'network error',
      error: String(error).slice(0, 160),
    });
    return null;
  }
}
const want =
  (...statuses: number[]) =>
  (res: RawResponse) =>
    statuses.includes(res.status) ? null : `${res.status}, expected ${statuses.join('/')}: ${res.text.slice(0, 120)}`;

async function runOp(op: Op, started: number): Promise<void> {
  switch (op) {
    case 'list': {
      const article = pickOf(ARTICLES);
      const cursor = Math.random() < 0.3 ? cursors.get(article) : undefined;
      const res = await request(
        op,
        started,
        { method: 'GET', path: `/api/articles/${article}/comments?limit=${pickOf([5, 20, 50, 100])}${cursor ? `&cursor=${cursor}` : ''}` },
        want(200),
      );
      const nextCursor = (res?.json as { nextCursor?: string | null } | undefined)?.nextCursor;
      if (nextCursor) cursors.set(article, nextCursor);
      else cursors.delete(article);
      return;
    }
    case 'submit': {
      const n = counter++;
      const fields = {
        comment: `Soak comment ${n}: ${randomBytes(6).toString('hex')}`,
        author: `Soak reader ${n}`,
        email: `soak.${n}@example.com`,
        url: n % 4 === 0 ? `https://reader${n}.example/` : '',
      };
      const form = n % 5 === 0;
      const key = n % 10 === 0 ? `soak-key-${n}-${randomBytes(4).toString('hex')}` : undefined;
      const req = {
        method: 'POST',
        path: `/api/articles/${pickOf(ARTICLES)}/comments`,
        headers: [
          form ? (['Content-Type', 'application/x-www-form-urlencoded'] as [string, string]) : jsonType,
          ...(key ? ([['Idempotency-Key', key]] as Array<[string, string]>) : []),
        ],
        body: form ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
      };
      const res = await request(op, started, req, want(201, 202));
      const id = (res?.json as { id?: string } | undefined)?.id;
      if (id) {
        pending.push(id);
        known.push(id);
        if (known.length > 5000) known.splice(0, 1000);
      }
      // A client retrying with its Idempotency-Key gets the same answer.
      if (key && id)
        await request(op, started, req, (again) =>
          (again.json as { id?: string } | undefined)?.id === id ? null : `retry answered ${again.status} ${again.text.slice(0, 80)}`,
        );
      return;
    }
    case 'moderate': {
      const id = pending.shift();
      if (!id) return runOp('queue', started);
      const action = pickOf(['approve', 'approve', 'approve', 'reject', 'spam']);
      await request(
        op,
        started,
        { method: 'POST', path: `/api/admin/comments/${id}/${action}`, headers: [auth, jsonType], body: '{"expectedVersion":1}' },
        want(200),
      );
      return;
    }
    case 'queue':
      await request(
        op,
        started,
        { method: 'GET', path: `/api/admin/comments?status=${pickOf(['pending', 'approved', 'rejected'])}&limit=50`, headers: [auth] },
        want(200),
      );
      return;
    case 'adminGet': {
      if (known.length === 0) return runOp('list', started);
      const id = pickOf(known);
      await request(
        op,
        started,
        { method: 'GET', path: `/api/admin/comments/${id}${Math.random() < 0.5 ? '/history' : ''}`, headers: [auth] },
        want(200),
      );
      return;
    }
    case 'bad': {
      const c = pickOf(corpus);
      await request(op, started, { method: c.method, path: c.path, headers: c.headers, body: bodyBytes(c) }, (res) =>
        res.status === c.status ? null : `${c.id}: ${res.status}, expected ${c.status}`,
      );
      return;
    }
    case 'page':
      await request(op, started, { method: 'GET', path: '/' }, want(200));
      return;
  }
}

// -------------------------------------------------------------------- run

const mb = (bytes: number) => bytes / 1024 / 1024;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Least-squares slope of y over x (x in minutes). */
function slope(points: Array<[number, number]>): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / points.length;
  const my = points.reduce((s, [, y]) => s + y, 0) / points.length;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function main() {
  const port = await freePort();
  const { child, next } = startServer(port);
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.send({ type: 'stop' });
    await Promise.race([next('stopped'), new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));

  const ready = await next('ready');
  base = ready.url;
  console.log(`soak: ${MINUTES} min at ${RATE} requests/s against ${base} (server pid ${ready.pid})`);

  // Flood control would refuse every post from this one address.
  const settings = await send(base, { method: 'PUT', path: '/api/admin/settings', headers: [auth, jsonType], body: '{"floodSeconds":0}' });
  if (settings.status !== 200) throw new Error(`could not set up: ${settings.status} ${settings.text}`);
  const context: CorpusContext = {
    article: ARTICLES[0]!,
    otherArticle: ARTICLES[1]!,
    closedArticle: 'soak-closed',
    moderator: TOKEN,
    user: 'not-a-token',
    pendingId: 'ffffffffffffffffffff',
    otherApprovedId: 'ffffffffffffffffffff',
    publicCursor: 'x',
    adminCursor: 'x',
  };
  await send(base, { method: 'PUT', path: '/api/admin/articles/soak-closed', headers: [auth, jsonType], body: '{"commentsOpen":false}' });
  // Bad inputs that need no particular stored comment, and not the megabyte bodies.
  corpus = badInputs()
    .filter(
      (c) =>
        !/\{\{(pendingId|otherApprovedId|publicCursor|adminCursor|user)\}\}|%7B%7B/.test(JSON.stringify(c)) &&
        (bodyBytes(c)?.length ?? 0) < 100_000,
    )
    .map((c) => resolveCase(c, context));

  const samples: Sample[] = [];
  const t0 = performance.now();
  const sample = async () => {
    child.send({ type: 'sample' });
    const m = await next('sample');
    samples.push({
      atMs: performance.now() - t0,
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      handles: m.handles,
      javaRss: javaRss(ready.javaPid),
    });
  };
  await sample();
  const sampler = setInterval(() => void sample(), SAMPLE_EVERY_MS);

  const endMs = MINUTES * 60_000;
  let inFlight = 0;
  let skipped = 0;
  let lastMinute = 0;
  const flights: Array<Promise<void>> = [];
  for (let n = 0; ; n++) {
    const due = (n * 1000) / RATE;
    if (due >= endMs) break;
    const wait = due - (performance.now() - t0);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      skipped += 1;
      continue;
    }
    inFlight += 1;
    const p = runOp(pickOp(), due).finally(() => (inFlight -= 1));
    flights.push(p);
    if (flights.length > 2000) flights.splice(0, 1000);
    const minute = Math.floor(due / 60_000);
    if (minute > lastMinute) {
      lastMinute = minute;
      const recent = results.filter((r) => r.atMs >= (minute - 1) * 60_000 && r.atMs < minute * 60_000);
      const ms = recent.map((r) => r.ms).sort((a, b) => a - b);
      const last = samples.at(-1);
      console.log(
        `soak: minute ${minute}: ${recent.length} requests, ${recent.filter((r) => r.error).length} errors, p50 ${fmt(percentile(ms, 50))} ms, p99 ${fmt(percentile(ms, 99))} ms` +
          (last ? `, server rss ${fmt(mb(last.rss))} MB, heap ${fmt(mb(last.heapUsed))} MB` : ''),
      );
    }
  }
  await Promise.all(flights);
  clearInterval(sampler);
  await sample();
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
  summarise(samples, skipped);
}

function summarise(samples: Sample[], skipped: number) {
  const errors = results.filter((r) => r.error);
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const durationMin = MINUTES;
  // Memory growth after a one-minute warm-up (or a fifth of a short run).
  const warmMs = Math.min(60_000, (MINUTES * 60_000) / 5);
  const warm = samples.filter((s) => s.atMs >= warmMs);
  const first = warm[0] ?? samples[0]!;
  const last = samples.at(-1)!;
  const rssSlope = slope(warm.map((s) => [s.atMs / 60_000, mb(s.rss)]));
  const heapSlope = slope(warm.map((s) => [s.atMs / 60_000, mb(s.heapUsed)]));
  const byOp = MIX.map(([op]) => {
    const mine = results.filter((r) => r.op === op);
    const t = mine.map((r) => r.ms).sort((a, b) => a - b);
    return [op, mine.length, mine.filter((r) => r.error).length, fmt(percentile(t, 50)), fmt(percentile(t, 99)), fmt(t.at(-1) ?? 0)];
  });
  const errorKinds = new Map<string, number>();
  for (const e of errors) {
    const kind = `${e.op}: ${String(e.status)} ${e.error?.split(':')[0] ?? ''}`.trim();
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  }

  const summary = [
    '## Soak',
    '',
    `\`npm run soak -- --minutes ${MINUTES} --rate ${RATE}\`: ${durationMin} minute${durationMin === 1 ? '' : 's'} of mixed traffic at a fixed ${RATE} requests/s (open loop) through the local runtime ` +
      '(its own process and DynamoDB Local, in memory, logging at INFO): 40 % public list pages (with cursors), 25 % submissions (JSON and form, one in ten retried with its Idempotency-Key), ' +
      '10 % moderation actions, 11 % moderator reads, 9 % requests from the bad-input corpus, 5 % the article page. ' +
      `An error is a 5xx, a network error, no answer within ${CLIENT_TIMEOUT_MS / 1000} s, or any answer other than the expected one.`,
    '',
    `**${results.length} requests, ${errors.length} errors${skipped ? `, ${skipped} not sent (over ${MAX_IN_FLIGHT} in flight)` : ''}; p50 ${fmt(percentile(ms, 50))} ms, p99 ${fmt(percentile(ms, 99))} ms, max ${fmt(ms.at(-1) ?? 0)} ms; ` +
      `server RSS ${fmt(mb(first.rss))} → ${fmt(mb(last.rss))} MB (${rssSlope >= 0 ? '+' : ''}${fmt(rssSlope, 2)} MB/min after warm-up), heap after GC ${fmt(mb(first.heapUsed))} → ${fmt(mb(last.heapUsed))} MB (${heapSlope >= 0 ? '+' : ''}${fmt(heapSlope, 2)} MB/min).**`,
    '',
    table(['traffic', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms'], byOp),
    '',
    table(
      ['server process', 'after warm-up', 'at the end', 'trend'],
      [
        ['RSS', `${fmt(mb(first.rss))} MB`, `${fmt(mb(last.rss))} MB`, `${fmt(rssSlope, 2)} MB/min`],
        ['heap used (after a full GC)', `${fmt(mb(first.heapUsed))} MB`, `${fmt(mb(last.heapUsed))} MB`, `${fmt(heapSlope, 2)} MB/min`],
        ['active handles', first.handles, last.handles, ''],
        [
          'DynamoDB Local (Java) RSS',
          first.javaRss ? `${fmt(mb(first.javaRss))} MB` : '—',
          last.javaRss ? `${fmt(mb(last.javaRss))} MB` : '—',
          'holds every comment in memory',
        ],
      ],
    ),
    '',
    `Server log records: ${serverErrors} at ERROR, ${serverWarnings} at WARN.`,
    ...(errorKinds.size ? ['', 'Errors:', '', ...[...errorKinds].map(([k, n]) => `- ${k}: ${n}`)] : []),
  ].join('\n');
  console.log(`\n${summary}\n`);
  writeFigures('soak', summary);
  // A soak with errors publishes nothing; its figures stay in the git-ignored .data/reports/.
  if (REPORT && errors.length === 0) publish(new Map([['soak', summary]]));
  process.exitCode = errors.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error('soak failed:', error);
  process.exit(1);
});
