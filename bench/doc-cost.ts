/**
 * The benchmark's cost figures as they appear in the docs: the targets table,
 * the cost per million and the operators' cost summary, each rendered from a
 * results file (bench/doc-sections.ts writes them between their markers).
 */
import type { BenchResults } from './results';

const money = (dollars: number) => `$${dollars.toFixed(2)}`;
const share = (part: number, whole: number) => `${Math.round((100 * part) / whole)} %`;

export function targets(r: BenchResults): string {
  const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    row(['target', 'result', 'met']),
    row(['---', '---', '---']),
    ...r.targets.map((t) => row([t.target, t.measured, t.met ? 'yes' : 'no'])),
  ].join('\n');
}

export function costPerMillion(r: BenchResults): string {
  const k = r.costPerMillion;
  const largest = (lines: Array<{ item: string; dollars: number }>, match: RegExp) =>
    lines.filter((l) => match.test(l.item)).reduce((n, l) => n + l.dollars, 0);
  const s = k.submissions;
  const p = k.pageLoads;
  const m = k.submissionsWithModeration;
  const prices = k.prices;
  return [
    `**Cost per million** (${prices.region}; Lambda ${k.assumptions.lambdaMemoryMb} MB arm64, billed duration = the measured p50 at concurrency 1; from the ${r.mode} run of ${r.machine.date.slice(0, 10)}): ` +
      `submissions **${money(s.perMillion)}** (DynamoDB writes ${share(largest(s.lines, /^DynamoDB writes/), s.perMillion)}), ` +
      `page loads **${money(p.perMillion)}** (API Gateway ${share(largest(p.lines, /^API Gateway/), p.perMillion)}), ` +
      `submissions each moderated once **${money(m.perMillion)}**. Storage ≈ ${k.storagePerMillionComments.bytesPerComment.toLocaleString('en-US')} B per comment with its index copies: ` +
      `${money(k.storagePerMillionComments.dollarsPerMonth)} a month per million comments, plus point-in-time recovery. ` +
      measuredAndAssumed(k),
    '',
    `Prices used, on-demand, ${prices.region}, AWS's published list prices as of ${prices.taken} (not re-read from the pricing pages from this offline machine; all in \`bench/cost.ts\`): ` +
      `DynamoDB $${prices.dynamoDbWriteRequestUnitPerMillion} per million write and $${prices.dynamoDbReadRequestUnitPerMillion} per million read request units, storage $${prices.dynamoDbStoragePerGbMonth}/GB-month; ` +
      `Lambda arm64 $${prices.lambdaArm64PerGbSecond} per GB-second and $${prices.lambdaRequestsPerMillion} per million requests; API Gateway REST $${prices.apiGatewayRestRequestsPerMillion} per million requests; ` +
      `AWS WAF $${prices.wafRequestsPerMillion} per million requests, $${prices.wafWebAclPerMonth} per web ACL and $${prices.wafRulePerMonth} per rule per month; ` +
      `CloudWatch Logs $${prices.cloudWatchLogsIngestedPerGb} per GB ingested; X-Ray $${prices.xRayTracesRecordedPerMillion} per million traces recorded.`,
  ].join('\n');
}

/** Says which inputs this run measured and which the model still assumes. */
function measuredAndAssumed(k: BenchResults['costPerMillion']): string {
  const m = k.measured;
  const measured: string[] = [];
  const assumed: string[] = [];
  if (m?.logBytesMeasured)
    measured.push(
      `${m.logBytesPerRequest.toLocaleString('en-US')} log bytes per request (the handlers' lines as printed, plus Lambda's and the access log's fixed lines)`,
    );
  else assumed.push(`${k.assumptions.logBytesPerRequest.toLocaleString('en-US')} log bytes per request`);
  assumed.push(`${k.assumptions.xRaySampledFraction * 100} % of requests traced`);
  if (m?.approveMeasured) measured.push(`an approve's own p50 (${m.approveMs} ms)`);
  else assumed.push('an approve as long as a submission');
  assumed.push(`one queue page read per ${Math.round(1 / k.assumptions.moderationPerSubmission.queuePages)} comments moderated`);
  return `${measured.length ? `Measured in this run: ${measured.join('; ')}. ` : ''}Assumed, not measured: ${assumed.join(', ')}.`;
}

export function costSummary(r: BenchResults): string {
  const k = r.costPerMillion;
  const fixed = k.fixedPerMonth ?? [];
  const total = k.fixedTotalPerMonth ?? fixed.reduce((n, l) => n + l.dollars, 0);
  return [
    `- At rest, about **${money(total)} a month** (counted on the synthesized template): ${fixed.map((l) => `${l.item} ${money(l.dollars)}`).join('; ')}. ` +
      'DynamoDB, S3, CloudFront, Lambda and API Gateway charge only for use.',
    `- Per million comments, each moderated once: **about ${money(k.submissionsWithModeration.perMillion)}** in requests (from the benchmark's measured DynamoDB units and durations); ` +
      `storage about ${money(k.storagePerMillionComments.dollarsPerMonth)} a month per million comments, plus point-in-time recovery.`,
  ].join('\n');
}
