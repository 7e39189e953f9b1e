/**
 * The viral article and the import sections of docs/benchmarks.md, rendered
 * from a results file. The viral section says which figures the run measured
 * and which it computed from them: the hit ratio is the local edge stand-in's
 * own cache model, and the load without the edge is arithmetic, so the
 * origin's measured capacity stands beside it.
 */
import type { BenchResults } from './results';

const count = (n: number) => n.toLocaleString('en-US');
const money = (dollars: number, digits = 2) => `$${dollars.toFixed(digits)}`;
/** One partition of a DynamoDB table serves at most this many read units a second (AWS's published limit). */
const PARTITION_READ_UNITS = 3000;

export function viral(r: BenchResults): string {
  const v = r.viral;
  if (!v) return 'This run has no viral-article section.';
  const origin = r.latency.runs.find((run) => run.concurrency === 8)?.list;
  const cost = v.costPerMillionPageLoads;
  const flatRates = v.prices.flatRate.filter((p) => p.perMonth > 0).map((p) => (p.perMonth / p.requests) * 1e6);
  const partitions = v.withoutEdge.readUnitsPerSecond / PARTITION_READ_UNITS;
  return [
    `From the ${r.mode} run of ${r.machine.date.slice(0, 10)}: ${v.readers} readers load one article's first page ` +
      `(${v.publishedComments} published comments) in a closed loop for ${v.seconds} s through the local edge stand-in.`,
    '',
    `- **Measured**: ${count(v.pageLoads)} page loads, ${count(v.pageLoadsPerSecond)} a second; ${v.originRequests} ` +
      `origin requests (${v.originRequestsPerSecond} a second) and ${v.withEdge.readUnitsPerSecond} read units a second ` +
      `with the edge; hit ratio ${v.hitRatio}. The hit ratio and the origin requests follow from the stand-in's cache ` +
      'model (one origin request per cache key at a time, `s-maxage`, `stale-while-revalidate`), which copies ' +
      "CloudFront's rules: any machine gives about the same. It is not a measurement of CloudFront.",
    `- **Computed, not measured**: without the edge every page load would be one API request and one Query of the ` +
      `measured ${v.readUnitsPerPage} RRU: ${count(v.withoutEdge.originRequestsPerSecond)} requests and ` +
      `${count(v.withoutEdge.readUnitsPerSecond)} RRU a second, ${partitions.toFixed(1)}× what one DynamoDB partition ` +
      `serves (${count(PARTITION_READ_UNITS)} RRU/s).` +
      (origin
        ? ` Measured beside it, the origin itself (the list route at concurrency 8, section 3) served ${origin.requestsPerSecond} requests a second.`
        : ''),
    `- **Priced**: ${money(cost.total)} per million page loads with CloudFront pay-as-you-go ` +
      `(${money(v.prices.httpsRequestsPerMillion)} per million HTTPS requests plus ${cost.gzippedPageKb} KB gzipped per ` +
      `page at ${money(v.prices.dataTransferOutPerGb, 3)}/GB; the origin's ${money(cost.originPerMillionWithoutEdge)} ` +
      `per million scaled by the miss ratio adds ${money(cost.origin, 4)}` +
      (cost.originShield === undefined ? '' : `, Origin Shield's requests ${money(cost.originShield, 4)}`) +
      `), against ${money(cost.originPerMillionWithoutEdge)} ` +
      `without the edge; the paid flat-rate plans come to ${money(Math.min(...flatRates))}–${money(Math.max(...flatRates))} ` +
      `per million. CloudFront prices as of ${v.prices.taken}, in \`bench/viral.ts\`.`,
    `- **Counts**: ${Object.entries(v.counts.calls)
      .map(([call, n]) => `${n} ${call}`)
      .join(', ')} and ${v.counts.readUnits} RRU for ${v.counts.articles} articles, whatever their comments.`,
  ].join('\n');
}

/** What each item of an imported comment's transaction is, for the write-unit breakdown. */
const IMPORT_ITEMS: Record<string, string> = {
  comment: 'comment with its indexes',
  duplicate: 'duplicate locks',
  'author stats': 'author counts (pending comments have none)',
  'published count': "the article's published counter (approved comments only)",
  article: "the article's first comment",
};

export function importFigures(r: BenchResults): string {
  const i = r.import;
  if (!i) return 'This run has no import section.';
  const byItem = Object.entries(i.writeUnitsByItem)
    .map(([item, units]) => `${IMPORT_ITEMS[item] ?? item} ${units}`)
    .join(', ');
  const dollars = (i.estimatedWriteUnits / 1e6) * r.costPerMillion.prices.dynamoDbWriteRequestUnitPerMillion;
  return [
    `From the ${r.mode} run of ${r.machine.date.slice(0, 10)}, on a DynamoDB Local of its own:`,
    '',
    '| | result |',
    '| --- | --- |',
    // Runs since the export has a real site's shape record it, the database's storage and the memory; older ones wrote one comment per transaction.
    i.memoryMb
      ? `| first import | ${count(i.imported)} of ${count(i.comments)} comments (a ${(i.fileBytes / 1e6).toFixed(1)} MB export, ${count(i.articles ?? 0)} articles, ` +
        `${Math.round((i.hottestShare ?? 0) * 100)} % of the comments on the three hottest) in ${Math.round(i.seconds)} s: ${i.commentsPerSecond} comments/s ` +
        `into DynamoDB Local ${i.database}, up to ${i.concurrency} in flight, 12 to a transaction; memory ${i.memoryMb.before} MB before, at most ${i.memoryMb.peak} MB |`
      : `| first import | ${count(i.imported)} of ${count(i.comments)} comments (a ${(i.fileBytes / 1e6).toFixed(1)} MB export) in ` +
        `${Math.round(i.seconds)} s: ${i.commentsPerSecond} comments/s, up to ${i.concurrency} writes in flight (one article's comments one after the other) |`,
    i.memoryMb
      ? `| second import of the same file | ${i.reimportStoredNew} stored (${Math.round(i.reimportSeconds)} s: one read per 12 comments finds them stored) |`
      : `| second import of the same file | ${i.reimportStoredNew} stored (${Math.round(i.reimportSeconds)} s: each comment is one transaction that its taken id cancels) |`,
    `| write units per comment (AWS's transaction rules, a metered sample of ${i.sampleComments}) | ${i.writeUnitsPerComment}: ${byItem} |`,
    `| write units for the file | ${count(i.estimatedWriteUnits)}, about ${money(dollars)} on demand ` +
      `(${money(r.costPerMillion.prices.dynamoDbWriteRequestUnitPerMillion, 3)} per million) |`,
  ].join('\n');
}
