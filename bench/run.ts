/**
 * `npm run bench` (full, about 5–8 minutes on 2 cores; writes
 * bench/results/latest.*) and `npm run bench:quick` (under a minute, small
 * sizes, writes bench/results/quick.*, which git ignores). A benchmark
 * reports; nothing here passes or fails on a timing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDynamoDbLocal } from '../scripts/local/dynamodb-local';
import { measureCapacity } from './capacity';
import { scalingChart } from './chart';
import { measureColdStart } from './cold-start';
import { measureImport } from './import';
import { writeImportResults } from './import-doc';
import { FULL, QUICK } from './config';
import { costModel } from './cost';
import { measureLatency } from './latency';
import { markdownReport } from './report';
import type { BenchResults, Machine } from './results';
import { measureScaling } from './scaling';
import { round } from './stats';
import { serviceTables } from './tables';
import { writeDocSections } from './doc-sections';
import { checkTargets } from './targets';
import { countTemplate } from './template';
import { formatTemplateSizes, measureTemplateSizes } from './template-size';
import { committedReplay, replayTargets } from './triage/replay-report';
import { measureTriage, triageTargets } from './triage/section';
import { measureViral } from './viral';
import { measureLearnerCost } from './learner-cost';

const RESULTS = resolve(__dirname, 'results');

/**
 * Runs a section that writes through transactions on a DynamoDB Local of its
 * own: next to the scaling section's 600,000 items the shared one runs
 * transactions about a hundred times slower, which says nothing about DynamoDB
 * (tables are independent there).
 */
async function onItsOwnDatabase<T>(section: (endpoint: string) => Promise<T>, options: { onDisk?: boolean } = {}): Promise<T> {
  // On disk where the figure is about `npm run import`, which writes to DATA_DIR.
  const dataDir = options.onDisk ? mkdtempSync(join(tmpdir(), 'bench-db-')) : undefined;
  const database = await startDynamoDbLocal(dataDir ? { dataDir } : { inMemory: true });
  try {
    return await section(database.endpoint);
  } finally {
    await database.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(
      'usage: tsx bench/run.ts [--quick] [--data DIR]\n  full run: writes bench/results/latest.{json,md,svg}\n  --quick:  small sizes, short runs; writes bench/results/quick.{json,md,svg}\n  --data:   the labelled training files: the triage section also runs the leave-source-out evaluation',
    );
    return;
  }
  const config = args.includes('--quick') ? QUICK : FULL;
  const name = config.quick ? 'quick' : 'latest';
  // DynamoDB Local keeps one database per access key and region: pin the region every client here uses.
  process.env.AWS_REGION = 'local';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const started = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  const loadAverageStart = loadavg().map((l) => round(l));

  log(
    `bench (${config.quick ? 'quick' : 'full'}) on ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`,
  );
  log('4. cold start: bundling every function as deployed and timing fresh imports');
  const coldStart = await measureColdStart({ samples: config.importSamples, withoutSourceMaps: config.importWithoutSourceMaps }, log);

  const dataIndex = args.indexOf('--data');
  const data = dataIndex >= 0 ? args[dataIndex + 1] : undefined;
  log(`6. triage: the shipped model's cost and ranking${data ? ', and the leave-source-out evaluation' : ' (no data given)'}`);
  const triage = await measureTriage({ data, importSamples: config.importSamples, comments: config.quick ? 500 : 5000 }, log);
  log(
    `  corpus AUC remove ${triage.corpus.remove}, spam ${triage.corpus.spam}; scoring p50 ${triage.cost.scoring1KbMs.p50} ms per 1 KB comment; weights ${triage.cost.weightsBytes} bytes`,
  );

  log('starting DynamoDB Local (in memory)');
  const dynamodb = await startDynamoDbLocal({ inMemory: true });
  try {
    log('1. capacity per operation');
    const capacity = await measureCapacity(dynamodb.endpoint);
    for (const c of capacity) log(`  ${c.operation}: ${c.readUnits} RRU, ${c.writeUnits} WRU (${c.ratio}× the floor)`);

    log(`2. scaling: filling to ${config.scalingCheckpoints[config.scalingCheckpoints.length - 1]!.toLocaleString('en-US')} comments`);
    const scaling = await measureScaling(
      dynamodb.endpoint,
      'bench_',
      config.scalingCheckpoints,
      config.fillConcurrency,
      log,
      config.deepArticleComments,
    );

    log(`3. latency: ${config.latencySeconds} s per measurement at concurrency 1 and ${config.loadConcurrency}`);
    const tables = await serviceTables(dynamodb.endpoint, 'bench_');
    const latency = await measureLatency(
      dynamodb.endpoint,
      'bench_',
      tables.names,
      {
        concurrency: config.loadConcurrency,
        seconds: config.latencySeconds,
        warmupSeconds: config.warmupSeconds,
        listArticle: scaling.articleId,
      },
      log,
    );

    log('5. the synthesized template: what the stack bills every month at rest');
    const template = countTemplate();
    log(
      `  ${template.wafRules} WAF rules, ${template.alarmMetrics} alarm metrics, ${template.kmsKeys} KMS keys, ${template.secrets} secrets`,
    );
    // How close each variant is to CloudFormation's 500-resource limit.
    for (const line of formatTemplateSizes(measureTemplateSizes()).split('\n')) log(`  ${line}`);
    log(`7. import: a generated WordPress export of ${config.importComments.toLocaleString('en-US')} comments`);
    const importLoad = loadavg().map((l) => Math.round(l * 10) / 10);
    const imported = await onItsOwnDatabase(
      (endpoint) => measureImport(endpoint, { comments: config.importComments, sample: config.importSample, database: 'on disk' }, log),
      { onDisk: true },
    );
    // The full run's import figure is the one docs/import.md quotes.
    if (!config.quick)
      writeImportResults(imported, {
        cores: cpus().length,
        loadAverageStart: importLoad,
        loadAverageEnd: loadavg().map((l) => Math.round(l * 10) / 10),
      });

    log(`8. viral article: ${config.viralReaders} readers on one article for ${config.viralSeconds} s through the local edge`);
    const pageCost = costModel(capacity, latency, template).pageLoads.perMillion;
    const viral = await onItsOwnDatabase((endpoint) =>
      measureViral(
        endpoint,
        {
          seconds: config.viralSeconds,
          readers: config.viralReaders,
          readUnitsPerPage: capacity.find((c) => c.operation === 'listPage')?.readUnits ?? 0,
          originDollarsPerMillion: pageCost,
        },
        log,
      ),
    );
    log(
      `  counts of ${viral.counts.articles} articles: ${JSON.stringify(viral.counts.calls)}, ${viral.counts.readUnits} RRU; $${viral.costPerMillionPageLoads.total} per million page loads with CloudFront`,
    );

    log('9. the triage learner: a batch of decisions through the real learner and store');
    const learner = await measureLearnerCost(dynamodb.endpoint, config.quick ? { warmUp: 200, batchSizes: [1, 20] } : {});

    const results: BenchResults = {
      mode: config.quick ? 'quick' : 'full',
      durationSeconds: Math.round((performance.now() - started) / 1000),
      machine: machine(loadAverageStart),
      targets: [...checkTargets(capacity, scaling, latency, coldStart), ...triageTargets(triage), ...replayTargets(committedReplay())],
      capacity,
      scaling,
      latency,
      coldStart,
      costPerMillion: costModel(capacity, latency, template),
      triage,
      import: imported,
      viral,
      learner,
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(RESULTS, `${name}.svg`), scalingChart(scaling));
    writeFileSync(join(RESULTS, `${name}.md`), markdownReport(results, `${name}.svg`));
    log(
      `5. cost per million: submissions $${results.costPerMillion.submissions.perMillion}, page loads $${results.costPerMillion.pageLoads.perMillion}`,
    );
    for (const t of results.targets) log(`  [${t.met ? 'met' : 'missed'}] ${t.target}: ${t.measured}`);
    log(`wrote bench/results/${name}.{json,md,svg} in ${results.durationSeconds} s`);
    // Only a full run speaks for the project: its figures go into the docs (quick runs are CI's smoke test).
    if (!config.quick) {
      writeDocSections(results);
      log('wrote the docs sections generated from bench/results/latest.json');
    }
  } finally {
    await dynamodb.stop();
  }
}

function machine(loadAverageStart: number[]): Machine {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const simulator = JSON.parse(readFileSync(require.resolve('amplify-dynamodb-simulator/package.json'), 'utf8')) as { version: string };
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    platform: `${platform()} ${release()}`,
    date: new Date().toISOString(),
    dynamoDbLocal: `DynamoDB Local from amplify-dynamodb-simulator ${simulator.version}, in memory`,
    java: (java.stderr || java.stdout || '').split('\n')[0]?.trim() ?? 'unknown',
    loadAverageStart,
    loadAverageEnd: loadavg().map((l) => round(l)),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
