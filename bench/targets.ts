/** The targets, checked against a run's numbers (reported, never asserted). */
import type { OperationCapacity } from './capacity';
import type { ColdStartResult } from './cold-start';
import type { LatencyResult } from './latency';
import type { ScalingResult } from './scaling';

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
  return [
    {
      target: 'Submit: at most 2× the floor in write units',
      measured: `${submit.writeUnits} WRU against a floor of ${submit.floor.units} WRU: ${submit.ratio}×`,
      met: submit.ratio <= 2,
    },
    {
      target: 'Article page: exactly one Query per page, units independent of table size',
      measured: `${same(article.map((p) => p.calls.Query ?? 0)) ? article[0]!.calls.Query : 'varying'} Query, ScannedCount ${uniq(article.map((p) => p.scannedCount))}, ${uniq(article.map((p) => p.readUnits))} RRU from ${range}`,
      met:
        article.every((p) => p.calls.Query === 1 && Object.keys(p.calls).length === 1) &&
        same(article.map((p) => p.readUnits)) &&
        same(article.map((p) => p.scannedCount)),
    },
    {
      target: 'Queue page: exactly one Query per page, units independent of table size',
      measured: `${uniq(queue.map((p) => p.calls.Query ?? 0))} Query (+ ${uniq(queue.map((p) => p.calls.BatchGetItem ?? 0))} BatchGetItem of the emails), ScannedCount ${uniq(queue.map((p) => p.scannedCount))}, ${uniq(queue.map((p) => p.readUnits))} RRU from ${range}`,
      met: queue.every((p) => p.calls.Query === 1) && same(queue.map((p) => p.readUnits)) && same(queue.map((p) => p.scannedCount)),
    },
    {
      target: `Submit p50 at most 1.5× the bare PutItem (concurrency ${loaded.concurrency})`,
      measured: `${loaded.submit.p50Ms} ms vs ${loaded.barePut.p50Ms} ms: ${loaded.submitToPut}× (its own DynamoDB calls made directly: ${loaded.bareSubmitCalls.p50Ms} ms, ${loaded.submitToSubmitCalls}×)`,
      met: loaded.submitToPut <= 1.5,
    },
    {
      target: `List p50 at most 1.5× the bare Query (concurrency ${loaded.concurrency})`,
      measured: `${loaded.list.p50Ms} ms vs ${loaded.bareQuery.p50Ms} ms: ${loaded.listToQuery}×`,
      met: loaded.listToQuery <= 1.5,
    },
    {
      target: "Each handler's import at most 1.2× the DynamoDB-client-only floor",
      measured: `worst ${worst.name}: ${worst.importMs} ms vs floor ${coldStart.floor.importMs} ms: ${worst.ratioToFloor}×`,
      met: coldStart.functions.every((f) => f.ratioToFloor <= 1.2),
    },
  ];
}

const uniq = (values: number[]) => [...new Set(values)].join(' / ');
