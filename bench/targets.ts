/** The issue's targets, checked against a run's numbers (reported, never asserted). */
import type { OperationCapacity } from './capacity';
import type { ColdStartResult } from './cold-start';
import type { LatencyResult } from './latency';
import type { ScalingResult } from './scaling';
import { ROUTES } from '../lambda/routes';
import { everyItemExplained } from './write-reasons';

const SUBMIT_MAX_WRU = 14;
const MAX_ROUND_TRIPS = 2;
const LIST_RRU = 3.5;
export const SUBMIT_MAX_TO_PUT = 3;
const LIST_MAX_TO_QUERY = 1.3;
export const IMPORT_MAX_TO_FLOOR = 1.25;
const SUBMIT_IMPORT_MAX_TO_FLOOR = 1.5;
const SUBMIT_FUNCTION = 'SubmitComment';
const HTTP_FUNCTIONS = new Set(ROUTES.map((r) => r.name));

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export function checkTargets(
  capacity: OperationCapacity[],
  scaling: ScalingResult,
  latency: LatencyResult,
  coldStart: ColdStartResult,
): TargetCheck[] {
  const submit = capacity.find((c) => c.operation === 'submit')!;
  const same = (values: number[]) => values.every((v) => v === values[0]);
  const loaded = latency.runs[latency.runs.length - 1]!;
  const worst = [...coldStart.functions].sort((a, b) => b.ratioToFloor - a.ratioToFloor)[0]!;
  const pages = (pick: (r: ScalingResult['rows'][number]) => ScalingResult['rows'][number]['articlePage']) => scaling.rows.map(pick);
  const article = pages((r) => r.articlePage);
  const queue = pages((r) => r.queuePage);
  const range = `${scaling.rows[0]!.comments.toLocaleString('en-US')} to ${scaling.rows[scaling.rows.length - 1]!.comments.toLocaleString('en-US')} comments`;
  const submitFn = coldStart.functions.find((f) => f.name === SUBMIT_FUNCTION);
  const others = coldStart.functions.filter((f) => f.name !== SUBMIT_FUNCTION && HTTP_FUNCTIONS.has(f.name));
  const worstOther = [...others].sort((a, b) => b.ratioToFloor - a.ratioToFloor)[0] ?? worst;
  const listPage = capacity.find((c) => c.operation === 'listPage');
  const explained = everyItemExplained(submit.breakdown ?? []);
  return [
    {
      target: `Submit: at most ${SUBMIT_MAX_WRU} WRU with the default settings, or a per-item table saying why each is written`,
      measured:
        `${submit.writeUnits} WRU against a floor of ${submit.floor.units} WRU: ${submit.ratio}×` +
        (submit.writeUnits > SUBMIT_MAX_WRU
          ? explained
            ? `; over ${SUBMIT_MAX_WRU}, and the per-item table gives every item's reason`
            : `; over ${SUBMIT_MAX_WRU}, and the per-item table leaves an item unexplained`
          : ''),
      met: submit.writeUnits <= SUBMIT_MAX_WRU || explained,
    },
    {
      target: `Submit: at most ${MAX_ROUND_TRIPS} DynamoDB round trips on the hot path (a warm function)`,
      measured: `${submit.roundTrips} round trips: ${Object.entries(submit.calls)
        .map(([name, count]) => `${count} ${name}`)
        .join(' + ')}`,
      met: submit.roundTrips <= MAX_ROUND_TRIPS,
    },
    {
      target: `Article page: one Query per page and ${LIST_RRU} RRU on a warm function, units independent of table size`,
      measured: `${listPage ? `${listPage.roundTrips} round trip, ${listPage.readUnits} RRU warm; ` : ''}${same(article.map((p) => p.calls.Query ?? 0)) ? article[0]!.calls.Query : 'varying'} Query, ScannedCount ${uniq(article.map((p) => p.scannedCount))}, ${uniq(article.map((p) => p.readUnits))} RRU from ${range}`,
      met:
        article.every((p) => p.calls.Query === 1 && Object.keys(p.calls).length === 1 && p.readUnits <= LIST_RRU) &&
        same(article.map((p) => p.readUnits)) &&
        same(article.map((p) => p.scannedCount)),
    },
    {
      target: 'Queue page: exactly one Query per page, units independent of table size',
      measured: `${uniq(queue.map((p) => p.calls.Query ?? 0))} Query (+ ${uniq(queue.map((p) => p.calls.BatchGetItem ?? 0))} BatchGetItem of the emails), ScannedCount ${uniq(queue.map((p) => p.scannedCount))}, ${uniq(queue.map((p) => p.readUnits))} RRU from ${range}`,
      met: queue.every((p) => p.calls.Query === 1) && same(queue.map((p) => p.readUnits)) && same(queue.map((p) => p.scannedCount)),
    },
    {
      target: `Submit p50 at most ${SUBMIT_MAX_TO_PUT}× the bare PutItem (concurrency ${loaded.concurrency})`,
      measured: `${loaded.submit.p50Ms} ms vs ${loaded.barePut.p50Ms} ms: ${loaded.submitToPut}× (its own DynamoDB calls made directly: ${loaded.bareSubmitCalls.p50Ms} ms, ${loaded.submitToSubmitCalls}×${loaded.bareTransaction ? `; its transaction alone: ${loaded.bareTransaction.p50Ms} ms, ${loaded.transactionToPut}× PutItem` : ''})`,
      met: loaded.submitToPut <= SUBMIT_MAX_TO_PUT,
    },
    {
      target: `List p50 at most ${LIST_MAX_TO_QUERY}× the bare Query (concurrency ${loaded.concurrency})`,
      measured: `${loaded.list.p50Ms} ms vs ${loaded.bareQuery.p50Ms} ms: ${loaded.listToQuery}×`,
      met: loaded.listToQuery <= LIST_MAX_TO_QUERY,
    },
    {
      target: `Each HTTP function's import at most ${IMPORT_MAX_TO_FLOOR}× the DynamoDB-client-only floor (submit, which carries the triage, ${SUBMIT_IMPORT_MAX_TO_FLOOR}×)`,
      measured: `worst ${worstOther.name}: ${worstOther.importMs} ms vs floor ${coldStart.floor.importMs} ms: ${worstOther.ratioToFloor}×; ${SUBMIT_FUNCTION} ${submitFn?.importMs} ms: ${submitFn?.ratioToFloor}×`,
      met: others.every((f) => f.ratioToFloor <= IMPORT_MAX_TO_FLOOR) && (submitFn?.ratioToFloor ?? Infinity) <= SUBMIT_IMPORT_MAX_TO_FLOOR,
    },
  ];
}

const uniq = (values: number[]) => [...new Set(values)].join(' / ');
