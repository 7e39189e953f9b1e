/**
 * Section 5: cost per million requests, from the measured units and
 * durations and AWS's public on-demand prices (us-east-1). The prices and
 * the assumptions that are not measured are listed here, once, and copied
 * into the results.
 */
import { DEFAULT_CONFIG } from '../lib/config';
import type { OperationCapacity } from './capacity';
import type { LatencyResult } from './latency';
import { round } from './stats';
import type { TemplateCounts } from './template';

/** us-east-1 on-demand list prices (USD) as published on the aws.amazon.com pricing pages. */
export const PRICES = {
  region: 'us-east-1',
  taken: '2026-11-25',
  dynamoDbWriteRequestUnitPerMillion: 0.625,
  dynamoDbReadRequestUnitPerMillion: 0.125,
  dynamoDbStoragePerGbMonth: 0.25,
  lambdaArm64PerGbSecond: 0.0000133334,
  lambdaRequestsPerMillion: 0.2,
  apiGatewayRestRequestsPerMillion: 3.5,
  wafRequestsPerMillion: 0.6,
  wafWebAclPerMonth: 5,
  wafRulePerMonth: 1,
  cloudWatchLogsIngestedPerGb: 0.5,
  xRayTracesRecordedPerMillion: 5,
  cloudWatchAlarmMetricPerMonth: 0.1,
  cloudWatchFreeAlarmMetrics: 10,
  kmsKeyPerMonth: 1,
  secretPerMonth: 0.4,
  /** Each dashboard beyond the account's first three (counted as charged: the account may have others). */
  cloudWatchDashboardPerMonth: 3,
  cognitoPlusPerMonthlyActiveUser: 0.02,
} as const;

/** What the cost model assumes rather than measures. */
export const ASSUMPTIONS = {
  /** The deployed functions' memory (lib/config.ts; arm64). */
  lambdaMemoryMb: DEFAULT_CONFIG.lambdaMemoryMb,
  /** Billed duration = the service's p50 at concurrency 1 on DynamoDB Local, rounded up to 1 ms (includes the local HTTP hop: an overestimate). */
  durationSource: 'service p50 at concurrency 1',
  /** Per request, when the run measured none (an older results file): the handler's lines, Lambda's START/END/REPORT lines, the access log line. */
  logBytesPerRequest: 1_500,
  /** X-Ray's default sampling rule: 1 request a second, then 5 %. */
  xRaySampledFraction: 0.05,
  /** Every submission is moderated once (premoderation) and the moderator reads it on a queue page of 50. */
  moderationPerSubmission: { actions: 1, queuePages: 1 / 50 },
  /** Moderators signing in each month (Cognito Plus is billed per monthly active user). */
  moderators: 5,
} as const;

export interface CostLine {
  item: string;
  dollars: number;
}

export interface OperationCost {
  perMillion: number;
  lines: CostLine[];
  inputs: { readUnits: number; writeUnits: number; billedMs: number };
}

export interface CostResult {
  submissions: OperationCost;
  pageLoads: OperationCost;
  submissionsWithModeration: OperationCost;
  /** Storing a million comments for a month: their items and index copies (≈, flood locks expire). */
  storagePerMillionComments: { bytesPerComment: number; dollarsPerMonth: number };
  /** At rest: what the deployed stack bills every month, counted on the synthesized template. */
  fixedPerMonth: CostLine[];
  fixedTotalPerMonth: number;
  template: TemplateCounts;
  prices: typeof PRICES;
  assumptions: typeof ASSUMPTIONS;
  /** What this run measured that older runs assumed. */
  measured?: { logBytesPerRequest: number; logBytesMeasured: boolean; approveMs: number; approveMeasured: boolean };
}

/** One million API requests of an operation with these units and this billed duration. */
function perMillion(readUnits: number, writeUnits: number, billedMs: number, logBytes: number): CostLine[] {
  const p = PRICES;
  const gbSeconds = (billedMs / 1_000) * (ASSUMPTIONS.lambdaMemoryMb / 1_024) * 1e6;
  return [
    { item: 'API Gateway REST requests', dollars: p.apiGatewayRestRequestsPerMillion },
    { item: 'WAF requests', dollars: p.wafRequestsPerMillion },
    { item: 'Lambda requests', dollars: p.lambdaRequestsPerMillion },
    { item: `Lambda compute (${billedMs} ms × ${ASSUMPTIONS.lambdaMemoryMb} MB arm64)`, dollars: gbSeconds * p.lambdaArm64PerGbSecond },
    { item: `DynamoDB writes (${writeUnits} WRU)`, dollars: writeUnits * p.dynamoDbWriteRequestUnitPerMillion },
    { item: `DynamoDB reads (${readUnits} RRU)`, dollars: readUnits * p.dynamoDbReadRequestUnitPerMillion },
    {
      item: `CloudWatch Logs (${logBytes} B per request)`,
      dollars: ((logBytes * 1e6) / 1e9) * p.cloudWatchLogsIngestedPerGb,
    },
    {
      item: `X-Ray traces (${ASSUMPTIONS.xRaySampledFraction * 100} % sampled)`,
      dollars: ASSUMPTIONS.xRaySampledFraction * p.xRayTracesRecordedPerMillion,
    },
  ].map((line) => ({ ...line, dollars: round(line.dollars, 3) }));
}

const total = (lines: CostLine[]) =>
  round(
    lines.reduce((n, l) => n + l.dollars, 0),
    2,
  );

function operationCost(readUnits: number, writeUnits: number, billedMs: number, logBytes: number): OperationCost {
  const lines = perMillion(readUnits, writeUnits, billedMs, logBytes);
  return { perMillion: total(lines), lines, inputs: { readUnits, writeUnits, billedMs } };
}

/** The monthly bill of an idle deployment, from what the template holds. */
export function fixedCosts(t: TemplateCounts): CostLine[] {
  const p = PRICES;
  return [
    {
      item: `WAF: ${t.webAcls} web ACL and ${t.wafRules} rules`,
      dollars: t.webAcls * p.wafWebAclPerMonth + t.wafRules * p.wafRulePerMonth,
    },
    {
      item: `CloudWatch alarms: ${t.alarmMetrics} metrics in ${t.alarms} alarms, ${p.cloudWatchFreeAlarmMetrics} free`,
      dollars: Math.max(0, t.alarmMetrics - p.cloudWatchFreeAlarmMetrics) * p.cloudWatchAlarmMetricPerMonth,
    },
    { item: `KMS: ${t.kmsKeys} customer managed keys`, dollars: t.kmsKeys * p.kmsKeyPerMonth },
    { item: `Secrets Manager: ${t.secrets} secrets`, dollars: t.secrets * p.secretPerMonth },
    {
      // Results priced before dashboards were counted have none: count them as zero.
      item: `CloudWatch dashboard: ${t.dashboards ?? 0} (free while the account has at most three)`,
      dollars: (t.dashboards ?? 0) * p.cloudWatchDashboardPerMonth,
    },
    {
      item: `Cognito Plus: ${ASSUMPTIONS.moderators} moderators signing in`,
      dollars: ASSUMPTIONS.moderators * p.cognitoPlusPerMonthlyActiveUser,
    },
  ].map((line) => ({ ...line, dollars: round(line.dollars, 2) }));
}

/**
 * Lambda's own lines per invocation (text log format, as the stack deploys) and
 * the API Gateway access log line (the stack's format with typical values): fixed
 * shapes, so their sizes are computed here; the handlers' own lines are measured.
 */
const REQUEST_ID = '8f5c6a1e-3b2d-4c1f-9a7e-2d4b6c8e0f12';
export const PLATFORM_LOG_BYTES =
  Buffer.byteLength(`START RequestId: ${REQUEST_ID} Version: $LATEST\n`) +
  Buffer.byteLength(`END RequestId: ${REQUEST_ID}\n`) +
  Buffer.byteLength(
    `REPORT RequestId: ${REQUEST_ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 98 MB\t\n`,
  ) +
  Buffer.byteLength(
    `${JSON.stringify({
      requestId: REQUEST_ID,
      requestTime: '30/Nov/2026:03:14:15 +0000',
      ip: '203.0.113.7',
      method: 'POST',
      resourcePath: '/articles/{articleId}/comments',
      path: '/api/articles/the-story/comments',
      status: '202',
      responseLength: '96',
      responseLatency: '41',
      integrationLatency: '38',
      moderator: '-',
      errorType: '-',
      wafStatus: '200',
      xrayTraceId: 'Root=1-6749a1b2-0123456789abcdef01234567;Sampled=0',
    })}\n`,
  );

/** Log bytes per request: measured handler lines plus the fixed platform lines; the assumption only for old results. */
export function logBytesPerRequest(latency: LatencyResult): { bytes: number; measured: boolean } {
  const handler = latency.handlerLogBytesPerRequest;
  if (!handler) return { bytes: ASSUMPTIONS.logBytesPerRequest, measured: false };
  return { bytes: Math.round((handler.submit + handler.list) / 2) + PLATFORM_LOG_BYTES, measured: true };
}

export function costModel(capacity: OperationCapacity[], latency: LatencyResult, template: TemplateCounts): CostResult {
  const op = (name: string) => {
    const found = capacity.find((c) => c.operation === name);
    if (!found) throw new Error(`no capacity measurement for ${name}`);
    return found;
  };
  const single = latency.runs.find((r) => r.concurrency === 1) ?? latency.runs[0]!;
  const submitMs = Math.ceil(single.submit.p50Ms);
  const listMs = Math.ceil(single.list.p50Ms);
  const submit = op('submit');
  const list = op('listPage');
  const approve = op('approve');
  const queue = op('queuePage');

  const logs = logBytesPerRequest(latency);
  // The approve's own p50 when the run measured it; older results took a submission's.
  const approveMs = single.approve ? Math.ceil(single.approve.p50Ms) : submitMs;
  const submissions = operationCost(submit.readUnits, submit.writeUnits, submitMs, logs.bytes);
  // Moderation: one approve and a fiftieth of a queue page per comment.
  const { actions, queuePages } = ASSUMPTIONS.moderationPerSubmission;
  const moderation = perMillion(approve.readUnits, approve.writeUnits, approveMs, logs.bytes).map((l) => ({
    item: `moderation: ${l.item}`,
    dollars: round(l.dollars * actions, 3),
  }));
  const queueShare = perMillion(queue.readUnits, 0, listMs, logs.bytes).map((l) => ({
    item: `queue page share: ${l.item}`,
    dollars: round(l.dollars * queuePages, 3),
  }));
  const withModeration = [...submissions.lines, ...moderation, ...queueShare];
  return {
    submissions,
    pageLoads: operationCost(list.readUnits, 0, listMs, logs.bytes),
    submissionsWithModeration: {
      perMillion: total(withModeration),
      lines: withModeration,
      inputs: {
        readUnits: round(submit.readUnits + actions * approve.readUnits + queuePages * queue.readUnits, 2),
        writeUnits: submit.writeUnits + actions * approve.writeUnits,
        billedMs: submitMs + approveMs * actions + round(listMs * queuePages, 2),
      },
    },
    storagePerMillionComments: storage(submit),
    fixedPerMonth: fixedCosts(template),
    fixedTotalPerMonth: total(fixedCosts(template)),
    template,
    prices: PRICES,
    assumptions: ASSUMPTIONS,
    measured: { logBytesPerRequest: logs.bytes, logBytesMeasured: logs.measured, approveMs, approveMeasured: Boolean(single.approve) },
  };
}

/** Each stored item costs its size plus 100 bytes of overhead, once in the table and once per index it is in. */
function storage(submit: OperationCapacity): { bytesPerComment: number; dollarsPerMonth: number } {
  const bytesPerComment = (submit.breakdown ?? [])
    .filter((item) => item.item !== 'flood')
    .reduce((n, item) => n + (item.bytes + 100) * (1 + Object.keys(item.indexUnits).length), 0);
  return { bytesPerComment, dollarsPerMonth: round(((bytesPerComment * 1e6) / 1024 ** 3) * PRICES.dynamoDbStoragePerGbMonth, 2) };
}
