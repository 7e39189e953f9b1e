/** The Markdown report written beside the JSON results. */
import type { BenchResults } from './results';
import { replaySection } from './triage/replay-report';
import { triageMarkdown } from './triage/section';
import { whyWritten } from './write-reasons';
import { learnerMarkdown, learnerPrices } from './learner-cost';

const n = (value: number) => value.toLocaleString('en-US');
const calls = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([name, count]) => `${count} ${name}`)
    .join(' + ');
const table = (header: string[], rows: (string | number)[][]) =>
  [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function markdownReport(r: BenchResults, chartFile: string): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`# Benchmark results (${r.mode} run, ${m.date})`);
  if (r.repricedAt)
    out.push(
      `Cost section priced again on ${r.repricedAt} from this run's stored measurements (units, durations) with the current cost model and template.`,
    );
  out.push(
    `${m.cpuModel}, ${m.cores} cores, Node ${m.node}, ${m.dynamoDbLocal}; load average ${m.loadAverageStart.join(' / ')} at the start and ${m.loadAverageEnd.join(' / ')} at the end (other work on the machine adds noise to the timings, not to the units). The run took ${r.durationSeconds} s. Regenerate with \`npm run bench\`.`,
  );

  out.push('## Targets');
  out.push(
    table(
      ['target', 'measured', 'met'],
      r.targets.map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**']),
    ),
  );

  out.push('## 1. Capacity per operation');
  out.push(
    "Units by AWS on-demand rules (a transactional write is 2 units per KB per item; index writes count once). The last column is what DynamoDB Local itself reported: its accounting of transactions is not AWS's.",
  );
  out.push(
    table(
      ['operation', 'DynamoDB calls', 'round trips', 'read units', 'write units', 'floor', 'ratio', 'DynamoDB Local reported (R / W)'],
      r.capacity.map((c) => [
        c.description,
        calls(c.calls),
        c.roundTrips,
        c.readUnits,
        c.writeUnits,
        `${c.floor.units} ${c.floor.kind === 'write' ? 'WRU' : 'RRU'} (${c.floor.what}, ${n(c.floor.bytes)} B)`,
        `${c.ratio}×`,
        `${c.dynamoDbLocalReported.read} / ${c.dynamoDbLocalReported.write}`,
      ]),
    ),
  );
  for (const c of r.capacity.filter((c) => c.breakdown && ['submit', 'approve'].includes(c.operation))) {
    out.push(`### ${c.description}: the transaction item by item`);
    out.push(
      table(
        [
          'item',
          'table',
          'op',
          'bytes ≈',
          'table units (plain write)',
          'index units',
          'AWS units (2 × table + index)',
          'why it is written',
        ],
        c.breakdown!.map((b) => [
          b.item,
          b.table,
          b.op,
          b.bytes,
          b.tableUnits,
          Object.entries(b.indexUnits)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || '–',
          b.awsWriteUnits,
          whyWritten(b.item),
        ]),
      ),
    );
  }

  const s = r.scaling;
  out.push('## 2. Scaling with data');
  out.push(
    `${n(s.fill.comments)} comments (${n(s.fill.items)} items: comment, history, contact and duplicate guards) across ${n(s.articles)} articles: ${Object.entries(
      s.statuses,
    )
      .map(([k, v]) => `${n(v)} ${k}`)
      .join(
        ', ',
      )}. Written with BatchWriteItem in ${Math.round(s.fill.seconds)} s (${n(s.fill.commentsPerSecond)} comments/s). Each page is the first page of ${s.pageSize} of \`${s.articleId}\` and of the pending queue.`,
  );
  out.push(
    table(
      ['comments', 'items', 'article page: calls', 'ScannedCount', 'RRU', 'queue page: calls', 'ScannedCount', 'Query RRU', 'total RRU'],
      s.rows.map((row) => [
        n(row.comments),
        n(row.items),
        calls(row.articlePage.calls),
        row.articlePage.scannedCount,
        row.articlePage.readUnits,
        calls(row.queuePage.calls),
        row.queuePage.scannedCount,
        row.queuePage.queryReadUnits,
        row.queuePage.readUnits,
      ]),
    ),
  );
  out.push(`![Read units per page against comments in the table](${chartFile})`);
  if (s.deepArticle) {
    const d = s.deepArticle;
    out.push(
      `**One article deep:** \`${d.articleId}\` grown to ${n(d.comments)} comments and read cursor by cursor (${n(d.pages)} pages of ${s.pageSize}): ` +
        `first page ${d.firstPage.readUnits} RRU (ScannedCount ${d.firstPage.scannedCount}), last page ${d.lastPage.readUnits} RRU (ScannedCount ${d.lastPage.scannedCount}). ` +
        'A page deep in the chain costs what the first one does: the cursor is a key to start after, not an offset.',
    );
  }

  out.push('## 3. Latency');
  out.push(
    `Through the local HTTP server (real handlers behind the API Gateway stand-in, own process; autocannon) and, in the same run, bare DynamoDB Local calls from the same SDK client; ${r.latency.seconds} s per measurement after a warm-up, on the filled tables. Submissions go to existing articles with flood control off. The server keeps settings and articles for the deployed cache time.`,
  );
  for (const run of r.latency.runs) {
    out.push(
      `**Concurrency ${run.concurrency}**: p50 ratios submit / PutItem ${run.submitToPut}×, submit / its own DynamoDB calls made directly ${run.submitToSubmitCalls}×${run.transactionToPut ? `, the bare transaction / PutItem ${run.transactionToPut}×` : ''}, list / Query ${run.listToQuery}×`,
    );
    out.push(
      table(
        ['request', 'p50 ms', 'p99 ms', 'req/s', 'requests', 'failures'],
        (
          [
            ['POST comment (service)', run.submit],
            ['PutItem (bare)', run.barePut],
            [
              "submit's DynamoDB calls (bare: the 2 ban Queries ∥ the author's GetItem, then the 5-item TransactWriteItems)",
              run.bareSubmitCalls,
            ],
            ...(run.bareTransaction
              ? ([["the 5-item TransactWriteItems alone (bare: submit's write without its reads)", run.bareTransaction]] as const)
              : []),
            ['GET page of 50 (service)', run.list],
            ['Query 51 (bare)', run.bareQuery],
            ['CORS preflight (HTTP hop only)', run.httpHop],
          ] as const
        ).map(([name, st]) => [name, st.p50Ms, st.p99Ms, st.requestsPerSecond, n(st.requests), st.failures]),
      ),
    );
    if (run.transactionSweep)
      out.push(
        `TransactWriteItems by size at concurrency ${run.concurrency} (lock-sized conditional Puts; a PutItem of one: ${run.transactionSweep.put.p50Ms} ms): ` +
          run.transactionSweep.rows.map((row) => `${row.items} → ${row.stats.p50Ms} ms (${row.toPut}×)`).join(', ') +
          '.',
      );
  }
  const u = r.latency.uncached;
  if (u) {
    out.push(
      `**Side by side, caches off** (a server reading the settings and the article on every request, concurrency ${u.concurrency}): submit p50 ${u.submit.p50Ms} ms (${u.submitToPut}× PutItem), list p50 ${u.list.p50Ms} ms (${u.listToQuery}× Query).`,
    );
  }

  const c = r.coldStart;
  out.push('## 4. Cold start');
  out.push(
    `Each function bundled with lib/bundling.ts (esbuild, minified, CJS, SDK bundled), then \`require()\` timed in ${c.samples} fresh \`node ${c.nodeOptions}\` processes (median; the deployed functions set NODE_OPTIONS=${c.nodeOptions}). A bare \`node -e 0\` takes ${c.bareNodeMs} ms.`,
  );
  if (c.triageModel)
    out.push(
      `The learned triage model alone: ${n(c.triageModel.bytes)} bytes of code${c.triageModel.weightsFileBytes ? ` and a weights file of ${n(c.triageModel.weightsFileBytes)} bytes beside it` : ''}, \`require()\` ${c.triageModel.importMs} ms, ${c.triageModel.importAndDecodeMs} ms with the first decode of its weights (+${c.triageModel.decodeMs} ms; the submit function does both on its first request).`,
    );
  const noMaps = c.functions.some((f) => f.importMsNoSourceMaps !== undefined);
  out.push(
    table(
      ['bundle', 'bytes', 'gzip', 'source map', 'import ms', '× floor', ...(noMaps ? ['import ms without source maps'] : []), 'process ms'],
      [
        { ...c.floor, name: 'floor: DynamoDB client + lib-dynamodb, bundled' },
        { ...c.floorSdkFromNodeModules, name: 'floor: the same, SDK loaded from node_modules' },
        ...(c.floorWithTracer
          ? [{ ...c.floorWithTracer, name: `floor + Powertools Tracer (captureAWSv3Client): +${c.tracerAddsMs} ms` }]
          : []),
        ...c.functions,
      ].map((b) => [
        b.name,
        n(b.bytes),
        n(b.gzipBytes),
        n(b.mapBytes),
        b.importMs,
        `${b.ratioToFloor}×`,
        ...(noMaps ? [b.importMsNoSourceMaps ?? '–'] : []),
        b.processMs,
      ]),
    ),
  );

  const sample = c.functions.find((f) => f.name === 'SubmitComment') ?? c.functions[0];
  if (sample) {
    const added = Object.entries(sample.packages)
      .map(([pkg, bytes]) => [pkg, bytes - (c.floor.packages[pkg] ?? 0)] as const)
      .filter(([, bytes]) => bytes > 500)
      .sort((a, b) => b[1] - a[1]);
    out.push(`What ${sample.name} adds to the floor's ${n(c.floor.bytes)} bytes (esbuild metafile, minified bytes by package):`);
    out.push(
      table(
        ['package', 'bytes added'],
        added.map(([pkg, bytes]) => [pkg, n(bytes)]),
      ),
    );
  }

  const k = r.costPerMillion;
  out.push('## 5. Cost per million');
  out.push(
    `Prices: ${k.prices.region} on-demand, AWS list prices as known on ${k.prices.taken} (not re-read from the pricing pages: this machine is offline; all in bench/cost.ts). Lambda ${k.assumptions.lambdaMemoryMb} MB arm64, billed duration = ${k.assumptions.durationSource}.`,
  );
  out.push(
    table(
      ['', 'submissions', 'page loads', 'submissions incl. moderation'],
      [
        ['per million (USD)', `$${k.submissions.perMillion}`, `$${k.pageLoads.perMillion}`, `$${k.submissionsWithModeration.perMillion}`],
        [
          'DynamoDB units (R / W)',
          `${k.submissions.inputs.readUnits} / ${k.submissions.inputs.writeUnits}`,
          `${k.pageLoads.inputs.readUnits} / 0`,
          `${k.submissionsWithModeration.inputs.readUnits} / ${k.submissionsWithModeration.inputs.writeUnits}`,
        ],
        ['billed Lambda ms', k.submissions.inputs.billedMs, k.pageLoads.inputs.billedMs, k.submissionsWithModeration.inputs.billedMs],
      ],
    ),
  );
  out.push(
    table(
      ['line', 'submissions', 'page loads'],
      k.submissions.lines.map((line, i) => [
        line.item.replace(/\(\d.*?\)/, '').trim(),
        `$${line.dollars}`,
        `$${k.pageLoads.lines[i]!.dollars}`,
      ]),
    ),
  );
  out.push(
    `Storage: ≈ ${n(k.storagePerMillionComments.bytesPerComment)} B per comment with its index copies, $${k.storagePerMillionComments.dollarsPerMonth} a month per million comments. Fixed: ${k.fixedPerMonth.map((f) => `${f.item} $${f.dollars}/month`).join('; ')}.`,
  );
  out.push(triageMarkdown(r.triage, replaySection()));
  if (r.import) out.push(...importSection(r.import));
  if (r.viral) out.push(...viralSection(r.viral));
  if (r.learner) out.push('## 9. The triage learner', learnerMarkdown(r.learner, learnerPrices));
  return `${out.join('\n\n')}\n`;
}

function viralSection(v: NonNullable<BenchResults['viral']>): string[] {
  const c = v.costPerMillionPageLoads;
  return [
    '## 8. A viral article through the edge',
    `${v.readers} readers load one article's page (${v.publishedComments} published comments) in a closed loop for ${v.seconds} s through the local edge stand-in (s-maxage 10, stale-while-revalidate 20, one origin request per key at a time, as Origin Shield collapses misses). "Without the edge" is every page load reaching the API, as before the cache: one Lambda invocation and one Query of ${v.readUnitsPerPage} RRU each.`,
    table(
      ['', 'with the edge (measured)', 'without the edge'],
      [
        ['page loads per second', n(v.pageLoadsPerSecond), n(v.pageLoadsPerSecond)],
        ['origin requests per second', String(v.withEdge.originRequestsPerSecond), n(v.withoutEdge.originRequestsPerSecond)],
        ['DynamoDB read units per second', String(v.withEdge.readUnitsPerSecond), n(v.withoutEdge.readUnitsPerSecond)],
        ['hit ratio', String(v.hitRatio), '0'],
      ],
    ),
    `Cost per million page loads with CloudFront: **$${c.total}** (CloudFront $${c.cloudFront}: $${v.prices.httpsRequestsPerMillion} per million HTTPS requests and ${c.gzippedPageKb} KB gzipped per page at $${v.prices.dataTransferOutPerGb}/GB; the origin's $${c.originPerMillionWithoutEdge} per million scaled by the miss ratio, $${c.origin}${c.originShield === undefined ? '' : `; Origin Shield's requests, $${c.originShield}`}). Flat-rate plans: ${v.prices.flatRate.map((p) => `${p.plan} $${p.perMonth}/month for ${n(p.requests)} requests`).join(', ')}. Prices as of ${v.prices.taken}.`,
    `Counts of ${v.counts.articles} articles (GET /counts): ${Object.entries(v.counts.calls)
      .map(([call, times]) => `${times} ${call}`)
      .join(', ')}, ${v.counts.readUnits} RRU, whatever the number of comments.`,
  ];
}

function importSection(i: NonNullable<BenchResults['import']>): string[] {
  return [
    '## 7. Import',
    // Results of runs before the export had a real site's shape lack the shape and memory figures.
    i.memoryMb && i.articles !== undefined && i.hottestShare !== undefined
      ? `A generated WordPress export of ${n(i.comments)} comments (${n(i.fileBytes)} bytes; ${n(i.articles)} articles, ${Math.round(i.hottestShare * 100)} % of the comments on the three hottest) imported with \`npm run import\`'s reader and store into DynamoDB Local ${i.database}, up to ${i.concurrency} writes in flight (one counter update per article per batch), then imported again. Memory of the process: ${i.memoryMb.before} MB before, at most ${i.memoryMb.peak} MB.`
      : `A generated WordPress export of ${n(i.comments)} comments (${n(i.fileBytes)} bytes) imported with \`npm run import\`'s reader and store, up to ${i.concurrency} writes in flight, then imported again.`,
    table(
      ['', 'result'],
      [
        ['first import', `${n(i.imported)} comments in ${i.seconds} s (${n(i.commentsPerSecond)}/s)`],
        ['second import', `${n(i.reimportStoredNew)} stored in ${i.reimportSeconds} s`],
        [
          'write units per comment (AWS rules)',
          `${i.writeUnitsPerComment} (${Object.entries(i.writeUnitsByItem)
            .map(([item, units]) => `${item} ${units}`)
            .join(', ')}; from ${i.sampleComments} metered)`,
        ],
        ['write units for the whole file', n(i.estimatedWriteUnits)],
      ],
    ),
  ];
}
