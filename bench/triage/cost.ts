/**
 * What the shipped model costs: scoring time for a 1 KB comment (features,
 * both heads, p50/p95), the weights' bytes on disk, and the import of the
 * scoring module bundled as a function bundles it (fresh processes: require()
 * alone, and with the first score, which decodes the weights).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { extractFeatures } from '../../lambda/domain/triage/model/features';
import { logits } from '../../lambda/domain/triage/model/linear';
import { shippedModel } from '../../lambda/domain/triage/model/shipped';
import { ESBUILD_OPTIONS, MODEL_WEIGHTS_FILE } from '../../lib/bundling';
import { median, percentile, round } from '../stats';

const ROOT = resolve(__dirname, '../..');

export interface ModelCost {
  scoring1KbMs: { p50: number; p95: number; samples: number };
  weightsBytes: number;
  import: {
    bundleBytes: number;
    /** require() of a one-line bundle: the floor of any import. */
    bareImportMs: number;
    importMs: number;
    importAndFirstScoreMs: number;
    samples: number;
  };
}

/** 1 KB comments made of the given texts, each different, so no cache or branch predictor sees one comment twice. */
function kilobyteComments(texts: readonly string[], count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    for (let k = i; text.length < 1024; k += 7) text += `${texts[k % texts.length]} `;
    out.push(text.slice(0, 1024));
  }
  return out;
}

export async function measureModelCost(texts: readonly string[], options: { comments: number; importSamples: number }): Promise<ModelCost> {
  const model = shippedModel();
  const comments = kilobyteComments(texts, options.comments);
  for (const text of comments.slice(0, 200)) logits(model, extractFeatures({ text }));
  const times = comments.map((text) => {
    const started = performance.now();
    logits(model, extractFeatures({ text }));
    return performance.now() - started;
  });
  return {
    scoring1KbMs: { p50: round(median(times), 3), p95: round(percentile(times, 95), 3), samples: times.length },
    weightsBytes: statSync(join(ROOT, MODEL_WEIGHTS_FILE)).size,
    import: await measureImport(options.importSamples),
  };
}

async function measureImport(samples: number): Promise<ModelCost['import']> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-model-'));
  try {
    const options = {
      ...ESBUILD_OPTIONS,
      mainFields: [...ESBUILD_OPTIONS.mainFields],
      external: [],
      absWorkingDir: ROOT,
      logLevel: 'silent' as const,
    };
    const file = join(dir, 'model.js');
    const empty = join(dir, 'empty.js');
    const entry = [
      "export { shippedModel } from './lambda/domain/triage/model/shipped';",
      "export { extractFeatures } from './lambda/domain/triage/model/features';",
      "export { logits } from './lambda/domain/triage/model/linear';",
    ].join('\n');
    await build({ ...options, stdin: { contents: entry, loader: 'ts', resolveDir: ROOT }, outfile: file });
    copyFileSync(join(ROOT, MODEL_WEIGHTS_FILE), join(dir, basename(MODEL_WEIGHTS_FILE)));
    await build({ ...options, stdin: { contents: 'export const one = 1;', loader: 'ts' }, outfile: empty });
    const importOnly =
      'const t=process.hrtime.bigint();require(process.argv[1]);process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))';
    const firstScore =
      "const t=process.hrtime.bigint();const m=require(process.argv[1]);m.logits(m.shippedModel(),m.extractFeatures({text:'you are an idiot'}));process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))";
    const time = (script: string, target: string) => {
      const child = spawnSync(process.execPath, ['-e', script, target], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`importing ${target} failed: ${child.stderr}`);
      return Number(child.stdout);
    };
    const bare: number[] = [];
    const imported: number[] = [];
    const scored: number[] = [];
    for (let i = 0; i < samples; i++) {
      bare.push(time(importOnly, empty));
      imported.push(time(importOnly, file));
      scored.push(time(firstScore, file));
    }
    return {
      bundleBytes: statSync(file).size,
      bareImportMs: round(median(bare), 1),
      importMs: round(median(imported), 1),
      importAndFirstScoreMs: round(median(scored), 1),
      samples,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
