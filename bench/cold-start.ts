/**
 * Section 4: cold start. Bundles every function exactly as it deploys
 * (lib/bundling.ts: minified, SDK bundled, source map beside it) and times
 * `require()` of each bundle in fresh `node` processes, interleaved so
 * machine noise spreads evenly. The floor is a bundle of the DynamoDB client
 * and lib-dynamodb alone, built with the same options: every handler pays
 * it. A second floor loads the SDK from node_modules instead of bundling it
 * (as a function relying on the runtime's SDK would).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { STREAM_CONSUMERS, STREAM_DISPATCHER } from '../lambda/background-functions';
import { ROUTES } from '../lambda/routes';
import { ESBUILD_OPTIONS, externalModulesFor, filesBesideBundle, MODEL_WEIGHTS_FILE } from '../lib/bundling';
import { median, ratio, round } from './stats';

export interface BundleTiming {
  name: string;
  bytes: number;
  gzipBytes: number;
  /** The source map deployed beside the bundle (read only with --enable-source-maps, on a stack trace). */
  mapBytes: number;
  /** Median time of require() in a fresh process, with the deployed NODE_OPTIONS (--enable-source-maps). */
  importMs: number;
  /** The same without --enable-source-maps (full runs only). */
  importMsNoSourceMaps?: number;
  /** Median wall time of the whole `node` process (start, import, exit). */
  processMs: number;
  /** Median wall time of `node -e 0`: what a process costs before any import. */
  bareNodeMs: number;
  /** importMs / the DynamoDB-only floor's importMs. */
  ratioToFloor: number;
  /** Minified bytes by package (esbuild metafile), largest first: what the bundle is made of. */
  packages: Record<string, number>;
}

export interface ColdStartResult {
  samples: number;
  nodeOptions: string;
  esbuild: Record<string, unknown>;
  bareNodeMs: number;
  floor: BundleTiming;
  floorSdkFromNodeModules: BundleTiming;
  /** The floor with Powertools Tracer wrapping the client (captureAWSv3Client): what tracing would add to every handler. */
  floorWithTracer: BundleTiming;
  /** floorWithTracer.importMs - floor.importMs. */
  tracerAddsMs: number;
  functions: BundleTiming[];
  /** The submit function's learned model alone: its bundle, its import, and its import with the first decode of the weights. */
  triageModel?: { bytes: number; weightsFileBytes?: number; importMs: number; importAndDecodeMs: number; decodeMs: number };
}

const ROOT = resolve(__dirname, '..');

/** Only the DynamoDB client and lib-dynamodb, created on first call like the handlers' client. */
const FLOOR_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
let db: DynamoDBDocumentClient | undefined;
export const handler = async () => {
  db ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return (await db.send(new GetCommand({ TableName: process.env.COMMENTS_TABLE, Key: { PK: 'x', SK: 'y' } }))).Item ?? null;
};`;

/** The floor with Powertools Tracer on the client, as lambda/adapters/dynamodb/client.ts would wire it. */
const TRACER_FLOOR_SOURCE = `
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const tracer = new Tracer();
let db: DynamoDBDocumentClient | undefined;
export const handler = async () => {
  db ??= DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})));
  return (await db.send(new GetCommand({ TableName: process.env.COMMENTS_TABLE, Key: { PK: 'x', SK: 'y' } }))).Item ?? null;
};`;

/** The shipped model's module alone; with DECODE, the weights decoded as the first scored comment does. */
const MODEL_SOURCE = (decode: boolean) => `
import { shippedModel } from './lambda/domain/triage/model/shipped';
${decode ? 'shippedModel();' : ''}
export const model = shippedModel;`;

/** Prints the milliseconds one require() of argv[1] takes. */
const IMPORT_SCRIPT =
  'const t=process.hrtime.bigint();require(process.argv[1]);process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))';

interface Bundle {
  name: string;
  file: string;
  env?: Record<string, string>;
  packages: Record<string, number>;
}

export async function measureColdStart(
  options: { samples: number; withoutSourceMaps: boolean },
  log: (line: string) => void,
): Promise<ColdStartResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-start-'));
  try {
    const base: BuildOptions = {
      ...ESBUILD_OPTIONS,
      mainFields: [...ESBUILD_OPTIONS.mainFields],
      external: [...ESBUILD_OPTIONS.external],
      absWorkingDir: ROOT,
      logLevel: 'silent',
    };
    const floorInput = { contents: FLOOR_SOURCE, resolveDir: ROOT, sourcefile: 'dynamodb-floor.ts', loader: 'ts' as const };
    const bundles: Bundle[] = [];
    const add = async (name: string, extra: BuildOptions, env?: Record<string, string>, beside: readonly string[] = []) => {
      const file = join(dir, name, 'index.js');
      const { metafile } = await build({ ...base, ...extra, outfile: file, metafile: true });
      // What the stack copies beside index.js (the model's weights), as it deploys.
      for (const extraFile of beside) copyFileSync(resolve(ROOT, extraFile), join(dir, name, basename(extraFile)));
      const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('.js'))?.[1];
      bundles.push({ name, file, env, packages: byPackage(output?.inputs ?? {}) });
    };
    await add('floor', { stdin: floorInput });
    await add('floorWithTracer', {
      stdin: { ...floorInput, contents: TRACER_FLOOR_SOURCE, sourcefile: 'dynamodb-floor-tracer.ts' },
    });
    await add(
      'floorSdkFromNodeModules',
      { stdin: floorInput, external: ['@aws-sdk/*', '@smithy/*'] },
      { NODE_PATH: join(ROOT, 'node_modules') },
    );
    for (const fn of ROUTES)
      await add(
        fn.name,
        { entryPoints: [resolve(ROOT, fn.entry)], external: [...base.external!, ...externalModulesFor(fn.access)] },
        undefined,
        filesBesideBundle(fn.access),
      );
    const consumerAccess = [...new Set(STREAM_CONSUMERS.flatMap((c) => c.access))];
    await add(
      STREAM_DISPATCHER.name,
      {
        entryPoints: [resolve(ROOT, STREAM_DISPATCHER.entry)],
        external: [...base.external!, ...externalModulesFor(consumerAccess)],
      },
      undefined,
      filesBesideBundle(consumerAccess),
    );
    const model = (decode: boolean) => ({
      stdin: { contents: MODEL_SOURCE(decode), resolveDir: ROOT, sourcefile: `triage-model-${decode}.ts`, loader: 'ts' as const },
    });
    await add('triageModel', model(false), undefined, [MODEL_WEIGHTS_FILE]);
    await add('triageModelDecoded', model(true), undefined, [MODEL_WEIGHTS_FILE]);
    log(`  built ${bundles.length} bundles; timing ${options.samples} fresh processes each`);

    const timings = new Map<string, { withMaps: number[]; withoutMaps: number[]; process: number[] }>();
    const bare: number[] = [];
    for (let sample = 0; sample < options.samples; sample++) {
      bare.push(wallMs(['-e', '0']).ms);
      for (const bundle of bundles) {
        const t = timings.get(bundle.name) ?? { withMaps: [], withoutMaps: [], process: [] };
        timings.set(bundle.name, t);
        const run = wallMs(['--enable-source-maps', '-e', IMPORT_SCRIPT, bundle.file], bundle.env);
        t.withMaps.push(run.importMs);
        t.process.push(run.ms);
        if (options.withoutSourceMaps) t.withoutMaps.push(wallMs(['-e', IMPORT_SCRIPT, bundle.file], bundle.env).importMs);
      }
    }

    const bareNodeMs = round(median(bare), 1);
    const timing = (bundle: Bundle, floorMs: number): BundleTiming => {
      const t = timings.get(bundle.name)!;
      const code = readFileSync(bundle.file);
      const importMs = round(median(t.withMaps), 1);
      return {
        name: bundle.name,
        bytes: code.length,
        gzipBytes: gzipSync(code).length,
        mapBytes: statSync(`${bundle.file}.map`).size,
        importMs,
        ...(options.withoutSourceMaps ? { importMsNoSourceMaps: round(median(t.withoutMaps), 1) } : {}),
        processMs: round(median(t.process), 1),
        bareNodeMs,
        ratioToFloor: ratio(importMs, floorMs),
        packages: bundle.packages,
      };
    };
    const floorMs = round(median(timings.get('floor')!.withMaps), 1);
    const [floor, withTracer, external, ...rest] = bundles.map((b) => timing(b, floorMs));
    const modelOnly = rest.find((b) => b.name === 'triageModel')!;
    const modelDecoded = rest.find((b) => b.name === 'triageModelDecoded')!;
    const functions = rest.filter((b) => b !== modelOnly && b !== modelDecoded);
    return {
      samples: options.samples,
      nodeOptions: '--enable-source-maps',
      esbuild: { ...ESBUILD_OPTIONS },
      bareNodeMs,
      floor: floor!,
      floorSdkFromNodeModules: external!,
      floorWithTracer: withTracer!,
      tracerAddsMs: round(withTracer!.importMs - floor!.importMs, 1),
      functions,
      triageModel: {
        bytes: modelOnly.bytes,
        weightsFileBytes: statSync(resolve(ROOT, MODEL_WEIGHTS_FILE)).size,
        importMs: modelOnly.importMs,
        importAndDecodeMs: modelDecoded.importMs,
        decodeMs: round(modelDecoded.importMs - modelOnly.importMs, 1),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Groups a bundle's input bytes by npm package (@smithy/* and @aws-crypto/* as one each); the project's own files as "(project)". */
function byPackage(inputs: Record<string, { bytesInOutput: number }>): Record<string, number> {
  const totals = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    let name = match ? match[1]! : '(project)';
    if (/^@(smithy|aws-crypto)\//.test(name)) name = `${name.split('/')[0]}/*`;
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  return Object.fromEntries([...totals].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]));
}

/** Runs `node args` in a clean environment like Lambda's; returns its wall time and what it printed as ms. */
function wallMs(args: string[], env: Record<string, string> = {}): { ms: number; importMs: number } {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'us-east-1',
      COMMENTS_TABLE: 'Comments',
      PRIVATE_TABLE: 'Private',
      POWERTOOLS_SERVICE_NAME: 'comments',
      POWERTOOLS_METRICS_NAMESPACE: 'CommentModeration',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${child.stderr}`);
  return { ms, importMs: Number(child.stdout) };
}
