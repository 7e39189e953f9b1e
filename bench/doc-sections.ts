/**
 * The benchmark's figures in the docs, generated from a results file (never
 * copied by hand): each section sits between its markers in the page that
 * `DOC_SECTIONS` names. A full `npm run bench` calls this; `npm run bench:docs`
 * regenerates them from bench/results/latest.json (`-- --reprice` first prices
 * its stored measurements with the current cost model and template).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { costModel } from './cost';
import { markdownReport } from './report';
import type { BenchResults } from './results';
import { countTemplate } from './template';

const ROOT = resolve(__dirname, '..');

const money = (dollars: number) => `$${dollars.toFixed(2)}`;
const share = (part: number, whole: number) => `${Math.round((100 * part) / whole)} %`;

function targets(r: BenchResults): string {
  const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    row(['target', 'result', 'met']),
    row(['---', '---', '---']),
    ...r.targets.map((t) => row([t.target, t.measured, t.met ? 'yes' : 'no'])),
  ].join('\n');
}

function costPerMillion(r: BenchResults): string {
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

function costSummary(r: BenchResults): string {
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

/** Each page (relative to the repository root) and the generated sections it holds. */
export const DOC_SECTIONS: Record<string, Record<string, (r: BenchResults) => string>> = {
  'docs/benchmarks.md': { 'bench:targets': targets, 'bench:cost': costPerMillion },
  'docs/costs.md': { 'bench:cost-summary': costSummary },
};

/** Replaces each generated section of the pages under `root` with the figures of `results`. */
export function writeDocSections(results: BenchResults, root = ROOT): void {
  for (const [page, sections] of Object.entries(DOC_SECTIONS)) {
    const file = resolve(root, page);
    let text = readFileSync(file, 'utf8');
    for (const [name, render] of Object.entries(sections)) {
      const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
      if (!pattern.test(text)) throw new Error(`${page} has no ${name} markers`);
      text = text.replace(pattern, (_m, start: string, end: string) => `${start}${render(results)}\n${end}`);
    }
    writeFileSync(file, text);
  }
}

if (require.main === module) {
  const file = resolve(__dirname, 'results/latest.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  if (process.argv.includes('--reprice')) {
    // Prices the stored measurements (units, durations) again with the current cost model and template; measures nothing.
    results.costPerMillion = costModel(results.capacity, results.latency, countTemplate());
    results.repricedAt = new Date().toISOString();
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(resolve(__dirname, 'results/latest.md'), markdownReport(results, 'latest.svg'));
  }
  writeDocSections(results);
  console.log(
    `${Object.keys(DOC_SECTIONS).join(', ')}: benchmark sections regenerated from bench/results/latest.json (${results.mode} run of ${results.machine.date})`,
  );
}
