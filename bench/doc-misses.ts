/**
 * "Why the misses" in docs/benchmarks.md: the reasons are prose, every figure
 * in them comes from the results file, so a new run cannot leave a stale
 * number behind.
 */
import { ROUTES } from '../lambda/routes';
import type { OperationCapacity } from './capacity';
import type { BenchResults } from './results';
import { IMPORT_MAX_TO_FLOOR, SUBMIT_MAX_TO_PUT } from './targets';

const kb = (bytes: number) => `${Math.round(bytes / 1000)} KB`;
/** The cloud classifiers' SDK clients: a bundle holding one of them classifies. */
// The packages only a function that scores comments bundles (the word lists; the cloud clients, in results from a build that bundled them).
const CLASSIFIER_PACKAGES = ['obscenity', '@aws-sdk/client-comprehend', '@aws-sdk/client-bedrock-runtime'];
const times = (n: number) => `${n.toFixed(2)}×`;

function operation(r: BenchResults, name: string): OperationCapacity {
  const found = r.capacity.find((c) => c.operation === name);
  if (!found) throw new Error(`the results have no capacity figures for ${name}`);
  return found;
}

/** "comment 5, history 2, duplicate ×2 4": a transaction's write units by item, as AWS counts them. */
function writeUnitsByItem(op: OperationCapacity): string {
  const byItem = new Map<string, { count: number; units: number }>();
  for (const item of op.breakdown ?? []) {
    const sum = byItem.get(item.item) ?? { count: 0, units: 0 };
    byItem.set(item.item, { count: sum.count + 1, units: sum.units + item.awsWriteUnits });
  }
  return [...byItem].map(([item, { count, units }]) => `${item}${count > 1 ? ` ×${count}` : ''} ${units}`).join(', ');
}

const callList = (calls: Record<string, number>) =>
  Object.entries(calls)
    .map(([call, n]) => `${n} ${call}`)
    .join(', ');

const latencyAt = (r: BenchResults, concurrency: number) => {
  const run = r.latency.runs.find((x) => x.concurrency === concurrency);
  if (!run) throw new Error(`the results have no latency run at concurrency ${concurrency}`);
  return run;
};

function submit(r: BenchResults): string[] {
  const op = operation(r, 'submit');
  const comment = op.breakdown?.find((b) => b.item === 'comment');
  const [low, high] = [latencyAt(r, 1), latencyAt(r, 8)];
  return [
    `- **Submit's write units** are the price of atomic guards. The write is one transaction of ${op.writeUnits} WRU ` +
      `(${writeUnitsByItem(op)}). The locks are what make duplicates and floods impossible under concurrency, and keeping ` +
      'the email in its own encrypted table is what lets IAM keep it from the public read path' +
      (comment ? `; even a plain PutItem of the comment with its moderation indexes is ${comment.awsWriteUnits} WRU.` : '.'),
    `- **Submit's latency** is its DynamoDB calls (${callList(op.calls)}) against one PutItem. Made directly, the same calls ` +
      `take a p50 of ${high.bareSubmitCalls.p50Ms} ms at concurrency 8; through the service ${high.submit.p50Ms} ms, ` +
      `${times(high.submitToSubmitCalls)} (at concurrency 1: ${low.submit.p50Ms} ms against ${low.bareSubmitCalls.p50Ms} ms, ${times(low.submitToSubmitCalls)}).` +
      (high.bareTransaction && high.transactionToPut
        ? ` The transaction alone, with no read before it, takes ${high.bareTransaction.p50Ms} ms, ${times(high.transactionToPut)} the bare PutItem: ` +
          'the comment, its history, contact and locks are written atomically (no duplicate, no flood, nothing half-written).'
        : ''),
    ...sweepReason(low, high),
  ];
}

/** What the transaction sweep of the same run says about the floor of any atomic submit on DynamoDB Local. */
function sweepReason(low: ReturnType<typeof latencyAt>, high: ReturnType<typeof latencyAt>): string[] {
  const [lowSweep, highSweep] = [low.transactionSweep, high.transactionSweep];
  if (!lowSweep || !highSweep) return [];
  const ratios = (sweep: NonNullable<typeof lowSweep>) => sweep.rows.map((row) => `${row.items}: ${times(row.toPut)}`).join(', ');
  const two = highSweep.rows.find((row) => row.items === 2);
  return [
    `- **Why it misses here.** On DynamoDB Local a transaction's time grows faster than its items under load: ` +
      `against a PutItem of the same item, transactions of 1 to 5 items take ${ratios(highSweep)} at concurrency ${high.concurrency}, ` +
      `and ${ratios(lowSweep)} at concurrency 1 (same run; docs/performance.md). Any submit that keeps the contract's guarantees ` +
      'writes at least two items in one transaction (the comment in the public table, the email in the private one), after or ' +
      `together with the ban look-ups${two ? `: the two-item transaction alone is already ${times(two.toPut)} a PutItem at concurrency ${high.concurrency}` : ''}. ` +
      `Packing every lock and the contact into one private item would still leave the reads and the service around it, so the ${times(SUBMIT_MAX_TO_PUT)} ` +
      'target is not reachable on this machine without giving up a guarantee. How TransactWriteItems scales on DynamoDB itself was not measured (no AWS account here).',
  ];
}

function moderation(r: BenchResults): string {
  const approve = operation(r, 'approve');
  const reject = operation(r, 'reject');
  return (
    `- **Approve** is ${approve.writeUnits} WRU (${writeUnitsByItem(approve)}); reject and spam also set the retention ` +
    `expiry on the private items: reject is ${reject.writeUnits} WRU (${writeUnitsByItem(reject)}).`
  );
}

function reads(r: BenchResults): string[] {
  const list = operation(r, 'listPage');
  const cold = r.capacity.find((c) => c.operation === 'listPageCold');
  const queue = operation(r, 'queuePage');
  const queueQuery = queue.byTarget['Comments/byStatus']?.read ?? 0;
  const listPage = cold
    ? `- **The article page** on a warm function is its one Query (${list.readUnits} RRU, ${callList(list.calls)}; the floor is ${list.floor.units}): ` +
      `the article and the site settings that answer \`commentsOpen\` come from the function's caches. The first request of a function, ` +
      `or after the cache time, reads them beside the Query in the same round trip: ${cold.readUnits} RRU (${callList(cold.calls)}). ` +
      `The list p50 is ${times(latencyAt(r, 8).listToQuery)} the bare Query at concurrency 8.`
    : `- **The article page** reads, beside its one Query (${list.floor.units} RRU, the floor), the article's item (and the ` +
      `site settings, cached) to answer \`commentsOpen\`: ${list.readUnits} RRU in all (${callList(list.calls)}), and a list ` +
      `p50 of ${times(latencyAt(r, 8).listToQuery)} the bare Query at concurrency 8. Behind the edge cache that is paid about ` +
      'once per cache key per `s-maxage`, not per reader.';
  return [
    listPage,
    `- **The queue page** reads its Query at ${queueQuery} RRU (the floor is ${queue.floor.units}); the rest of its ` +
      `${queue.readUnits} RRU are the BatchGetItems of the page's contacts and their authors' records from the private ` +
      'table (each item is rounded up to 4 KB).',
  ];
}

function coldStart(r: BenchResults): string[] {
  const c = r.coldStart;
  const routes = new Set(ROUTES.map((route) => route.name));
  const http = c.functions.filter((f) => routes.has(f.name));
  const span = (values: number[], show: (n: number) => string) => `${show(Math.min(...values))}–${show(Math.max(...values))}`;
  const tracerBytes = c.floorWithTracer.bytes - c.floor.bytes;
  // Which functions carry the classifiers is read from each bundle's packages, not assumed.
  const classifies = (f: (typeof http)[number]) => Object.keys(f.packages).some((p) => CLASSIFIER_PACKAGES.includes(p));
  const carriers = http.filter(classifies);
  const others = http.filter((f) => !classifies(f));
  const parsers = others.filter((f) => 'zod' in f.packages);
  const withoutSchemas = others.filter((f) => !('zod' in f.packages));
  const ratios = (list: typeof http) =>
    list.length > 0
      ? span(
          list.map((f) => f.ratioToFloor),
          (n) => `${n}×`,
        )
      : '–';
  const bundles =
    `${carriers.map((f) => f.name).join(', ') || 'no function'} bundles the moderation phases and the learned model ` +
    `(${carriers.map((f) => `${kb(f.bytes)}, ${f.ratioToFloor}×`).join('; ')}); the other HTTP handlers bundle the SDK (the floor) ` +
    `plus Powertools Logger and Metrics and their route's own code, and zod/mini in the ${parsers.length} that parse a request body with it: ` +
    `${span(
      others.map((f) => f.bytes),
      kb,
    )} minified, importing in ${ratios(others)} the floor's ${c.floor.importMs} ms ` +
    `(without zod/mini: ${ratios(withoutSchemas)}; with it: ${ratios(parsers)}).` +
    slowestParser(parsers);
  return [
    `- **Cold start**: ${bundles} Source maps (\`--enable-source-maps\`) grow with the bundle. ` +
      "We bundle the SDK rather than use the runtime's: the same client loaded from `node_modules` imported in " +
      `${c.floorSdkFromNodeModules.ratioToFloor}× the bundled floor's time, and the version is then the tested one from \`package-lock.json\`. ` +
      "The exception: the clients of the optional cloud classifiers (Comprehend, Bedrock Guardrails) are left to the runtime's SDK and load on a site's first scored comment, only where its settings pick them (`OPTIONAL_CLOUD_CLIENTS` in `lib/bundling.ts`).",
    "- **Tracing**: the functions run with X-Ray active tracing (a segment per invocation), but the DynamoDB client is *not* wrapped with Powertools Tracer's `captureAWSv3Client`. " +
      `The floor with the tracer adds ${kb(tracerBytes)} minified and ${c.tracerAddsMs} ms of import on the floor's ${c.floor.importMs} ms ` +
      `(\`floor + Powertools Tracer\` in \`latest.md\`)${c.tracerAddsMs > 5 ? ': over the 5 ms we allow it, so it stays out' : ', within the 5 ms we allow it'}.`,
  ];
}

/** The slowest function that parses its body with zod, and why zod stays there. */
function slowestParser(parsers: BenchResults['coldStart']['functions']): string {
  const slowest = [...parsers].sort((a, b) => b.ratioToFloor - a.ratioToFloor)[0];
  if (!slowest) return '';
  const over = slowest.ratioToFloor > IMPORT_MAX_TO_FLOOR;
  return (
    ` The slowest of those is ${slowest.name} (${slowest.ratioToFloor}×, zod ${kb(slowest.packages.zod ?? 0)})` +
    (over && slowest.name === 'AdminPutSettings'
      ? '. The settings body is one zod schema of about fifty parts, built at import; the OpenAPI document is generated from it ' +
        "and its failures become the 422's per-field messages. Written by hand, the check would spare the library's import, but " +
        'it would be a second description of the settings to keep in step with the document, so zod stays, and the settings ' +
        `function is over the ${times(IMPORT_MAX_TO_FLOOR)} target by what zod costs it.`
      : '.')
  );
}

/** The reasons behind the targets the run missed, with the run's own figures. */
export function misses(r: BenchResults): string {
  return [...submit(r), moderation(r), ...reads(r), ...coldStart(r)].join('\n');
}
