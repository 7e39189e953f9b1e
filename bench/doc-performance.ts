/**
 * The generated sections of docs/performance.md: what each path costs in
 * round trips and units, why each written item is there, how long the
 * caches may serve what they read, and each function's bundle. Every figure
 * comes from the results file or from the code's own constants.
 */
import { VARIABLES } from '../lambda/environment';
import { ROUTES } from '../lambda/routes';
import type { BenchResults } from './results';
import { whyWritten } from './write-reasons';

const n = (value: number) => value.toLocaleString('en-US');
const table = (header: string[], rows: (string | number)[][]) =>
  [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const calls = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([name, count]) => `${count} ${name}`)
    .join(' + ');

/** Round trips, calls and units of each measured operation. */
export function paths(r: BenchResults): string {
  return table(
    ['operation', 'DynamoDB calls', 'round trips', 'read units', 'write units'],
    r.capacity.map((c) => [c.description, calls(c.calls), c.roundTrips ?? '(not counted in this run)', c.readUnits, c.writeUnits]),
  );
}

/** A submission's transaction, item by item, with why each is written. */
export function submissionWrites(r: BenchResults): string {
  const submit = r.capacity.find((c) => c.operation === 'submit');
  if (!submit?.breakdown) return '(no submission measured in this run)';
  return [
    `${submit.description}: ${submit.writeUnits} WRU.`,
    '',
    table(
      ['item', 'table', 'bytes ≈', 'AWS units', 'why it is written'],
      submit.breakdown.map((b) => [b.item, b.table, n(b.bytes), b.awsWriteUnits, whyWritten(b.item)]),
    ),
  ].join('\n');
}

/** What the function caches and for how long: the defaults in the code. */
export function caches(): string {
  const seconds = (name: keyof typeof VARIABLES) => (VARIABLES[name] as { default?: string }).default ?? '?';
  return table(
    ['what', 'kept for', 'set by', 'what it allows'],
    [
      [
        'the site settings and each article read (at most 1,000 articles per function)',
        `${seconds('SETTINGS_CACHE_SECONDS')} s`,
        '`SETTINGS_CACHE_SECONDS`',
        'a change made in another function (closing an article, a new setting) applies to a warm function within this time; the function that made it applies it at once',
      ],
      [
        "the site's triage model, decoded (submit function)",
        `${seconds('SETTINGS_CACHE_SECONDS')} s, then its version is checked`,
        '`SETTINGS_CACHE_SECONDS`',
        'a model the learner saved scores comments within this time; an unchanged model is not read again, only its version (half a read unit)',
      ],
      [
        'a public answer at the edge (list, counts)',
        `${seconds('EDGE_CACHE_SECONDS')} s fresh + ${seconds('EDGE_STALE_SECONDS')} s stale`,
        '`-c edgeCacheSeconds`, `-c edgeStaleSeconds`',
        'a reader may see a page this old; a comment leaving the public list purges it at once',
      ],
      [
        'the secret keys',
        'the life of the function',
        '(fetched once per cold start)',
        'a rotated key reaches a function on its next cold start',
      ],
    ],
  );
}

/** Each HTTP function's bundle against the DynamoDB-client floor, with what it adds beyond it. */
export function bundles(r: BenchResults): string {
  const c = r.coldStart;
  const routes = new Set(ROUTES.map((route) => route.name));
  const beyondFloor = (packages: Record<string, number>) =>
    Object.entries(packages)
      .filter(([name, bytes]) => bytes - (c.floor.packages[name] ?? 0) > 1000)
      .map(([name, bytes]) => [name, bytes - (c.floor.packages[name] ?? 0)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, bytes]) => `${name} ${n(Math.round(bytes / 1000))} KB`)
      .join(', ');
  const m = c.triageModel;
  return [
    `The floor, the DynamoDB client and lib-dynamodb bundled alone, is ${n(c.floor.bytes)} bytes and imports in ${c.floor.importMs} ms (median of ${c.samples} fresh processes).`,
    '',
    m
      ? `The submit function's learned triage model, bundled alone, is ${n(m.bytes)} bytes${m.weightsFileBytes ? `, with its weights in a file of ${n(m.weightsFileBytes)} bytes beside the bundle` : ''}: importing it takes ${m.importMs} ms, and ${m.weightsFileBytes ? 'reading and decoding' : 'decoding'} its weights on the first scored comment ${m.decodeMs} ms more (the submit function loads it on its first request, not at import).`
      : '(this run did not measure the triage model alone)',
    '',
    table(
      ['function', 'bytes', 'import ms', '× floor', 'largest additions to the floor'],
      c.functions
        .filter((f) => routes.has(f.name))
        .map((f) => [f.name, n(f.bytes), f.importMs, `${f.ratioToFloor}×`, beyondFloor(f.packages)]),
    ),
  ].join('\n');
}

/** Submit and list with the caches on (as deployed) and off, in the same run. */
export function cachesSideBySide(r: BenchResults): string {
  const loaded = r.latency.runs[r.latency.runs.length - 1]!;
  const u = r.latency.uncached;
  if (!u) return '(this run did not time the service with the caches off)';
  return table(
    [`request (concurrency ${u.concurrency})`, 'caches on: p50 ms', 'caches off: p50 ms', 'bare DynamoDB p50 ms'],
    [
      ['POST comment', loaded.submit.p50Ms, u.submit.p50Ms, `${loaded.barePut.p50Ms} (PutItem)`],
      ['GET page of 50', loaded.list.p50Ms, u.list.p50Ms, `${loaded.bareQuery.p50Ms} (Query)`],
    ],
  );
}

/** TransactWriteItems of 1 to 5 items against a PutItem, at each concurrency of the run. */
export function transactionSweep(r: BenchResults): string {
  const runs = r.latency.runs.filter((run) => run.transactionSweep);
  if (runs.length === 0) return '(this run did not time transactions by size)';
  const sizes = runs[0]!.transactionSweep!.rows.map((row) => row.items);
  return table(
    ['concurrency', 'PutItem p50 ms', ...sizes.map((items) => `${items} item${items > 1 ? 's' : ''}: p50 ms (× PutItem)`)],
    runs.map((run) => {
      const sweep = run.transactionSweep!;
      return [run.concurrency, sweep.put.p50Ms, ...sweep.rows.map((row) => `${row.stats.p50Ms} (${row.toPut}×)`)];
    }),
  );
}
