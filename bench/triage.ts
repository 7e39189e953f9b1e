/**
 * Section 6: automated triage. Runs the `builtin` classifiers over the
 * labeled corpus (tests/fixtures/triage-corpus.json) the way the pipeline
 * decides: spam first (≥ 0.5 → spam), then toxicity (≥ rejectAt → rejected,
 * ≥ holdAt → pending), with premoderation off. Reports precision and recall
 * per class, the share of each class held, the share decided without a
 * person, the time per comment, and what importing the classifier costs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { loadBuiltin } from '../lambda/domain/triage/builtin';
import { DEFAULT_THRESHOLDS, SPAM_AT, type ToxicityThresholds } from '../lambda/domain/triage/decision';
import { ESBUILD_OPTIONS } from '../lib/bundling';
import { median, percentile, round } from './stats';

const ROOT = resolve(__dirname, '..');
export const CORPUS = join(ROOT, 'tests/fixtures/triage-corpus.json');

export type Label = 'civil' | 'abusive' | 'spam';
export interface CorpusComment {
  label: Label;
  kind: string;
  /** "tuning": the builtin classifier was tuned on it; "holdout": written afterwards, never tuned on. */
  split: 'tuning' | 'holdout';
  text: string;
  author: string;
  url: string | null;
}

export interface ClassFigures {
  count: number;
  /** Of this class, the share not published (spam, rejected or pending). */
  held: number;
  precision: number;
  recall: number;
}

export interface CorpusFigures {
  comments: number;
  classes: Record<Label, ClassFigures>;
  /** Share published, rejected or marked spam with nobody looking (premoderation off). */
  decidedWithoutPerson: number;
  outcomes: Record<'published' | 'pending' | 'rejected' | 'spam', number>;
}

export interface TriageResult extends CorpusFigures {
  corpus: string;
  thresholds: ToxicityThresholds & { spamAt: number };
  /** The same figures for the comments tuned on and for the holdout (the honest estimate). */
  bySplit: Record<CorpusComment['split'], CorpusFigures>;
  builtinMsPerComment: { p50: number; p95: number; samples: number };
  import: {
    bytes: number;
    gzipBytes: number;
    /** require() of a one-line bundle: the floor of any import. */
    bareImportMs: number;
    importMs: number;
    importAndFirstUseMs: number;
    samples: number;
  };
  /** Every comment that landed in the wrong place: what a tuner reads. */
  misses: { label: Label; kind: string; split: string; outcome: string; signal: string; score: number; text: string }[];
}

export function loadCorpus(): CorpusComment[] {
  return (JSON.parse(readFileSync(CORPUS, 'utf8')) as { comments: CorpusComment[] }).comments;
}

type Outcome = keyof CorpusFigures['outcomes'];

type Builtin = Awaited<ReturnType<typeof loadBuiltin>>;

export function triage(
  builtin: Builtin,
  comment: CorpusComment,
  thresholds = DEFAULT_THRESHOLDS,
): { outcome: Outcome; signal: string; score: number } {
  const spam = builtin.spam(comment);
  if (spam.score >= SPAM_AT) return { outcome: 'spam', signal: spam.signal, score: spam.score };
  const toxicity = builtin.toxicity(comment.text);
  const outcome = toxicity.score >= thresholds.rejectAt ? 'rejected' : toxicity.score >= thresholds.holdAt ? 'pending' : 'published';
  return { outcome, signal: toxicity.signal, score: toxicity.score };
}

const predicted = (outcome: Outcome): Label => (outcome === 'spam' ? 'spam' : outcome === 'published' ? 'civil' : 'abusive');

type Triaged = { comment: CorpusComment; outcome: Outcome; signal: string; score: number };

function figures(results: Triaged[]): CorpusFigures {
  const outcomes = { published: 0, pending: 0, rejected: 0, spam: 0 };
  for (const r of results) outcomes[r.outcome]++;
  const labels: Label[] = ['civil', 'abusive', 'spam'];
  const classes = Object.fromEntries(
    labels.map((label) => {
      const actual = results.filter((r) => r.comment.label === label);
      const guessed = results.filter((r) => predicted(r.outcome) === label);
      const right = actual.filter((r) => predicted(r.outcome) === label).length;
      const share = (part: number, whole: number) => round(whole === 0 ? 0 : part / whole, 3);
      const figures: ClassFigures = {
        count: actual.length,
        held: share(actual.filter((r) => r.outcome !== 'published').length, actual.length),
        precision: share(right, guessed.length),
        recall: share(right, actual.length),
      };
      return [label, figures];
    }),
  ) as Record<Label, ClassFigures>;
  const decided = outcomes.published + outcomes.rejected + outcomes.spam;
  return { comments: results.length, classes, decidedWithoutPerson: round(decided / results.length, 3), outcomes };
}

export async function measureTriage(options: { timingRounds: number; importSamples: number }): Promise<TriageResult> {
  const corpus = loadCorpus();
  const builtin = await loadBuiltin();
  const results: Triaged[] = corpus.map((c) => ({ comment: c, ...triage(builtin, c) }));

  // Time both classifiers per comment, as a submission would run them.
  const times: number[] = [];
  for (let round_ = 0; round_ < options.timingRounds; round_++) {
    for (const c of corpus) {
      const started = performance.now();
      builtin.spam(c);
      builtin.toxicity(c.text);
      times.push(performance.now() - started);
    }
  }
  return {
    corpus: 'tests/fixtures/triage-corpus.json',
    thresholds: { ...DEFAULT_THRESHOLDS, spamAt: SPAM_AT },
    ...figures(results),
    bySplit: {
      tuning: figures(results.filter((r) => r.comment.split === 'tuning')),
      holdout: figures(results.filter((r) => r.comment.split === 'holdout')),
    },
    builtinMsPerComment: { p50: round(median(times), 3), p95: round(percentile(times, 95), 3), samples: times.length },
    import: await measureImport(options.importSamples),
    misses: results
      .filter((r) => predicted(r.outcome) !== r.comment.label)
      .map((r) => ({
        label: r.comment.label,
        kind: r.comment.kind,
        split: r.comment.split,
        outcome: r.outcome,
        signal: r.signal,
        score: r.score,
        text: r.comment.text,
      })),
  };
}

/**
 * The classifier bundled alone as a function bundles it (minified, obscenity
 * included), timed in fresh processes: require() (what an import costs every
 * cold start) and require() plus the first classification of a comment
 * (what the first submission after a cold start pays).
 */
async function measureImport(samples: number): Promise<TriageResult['import']> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-triage-'));
  try {
    const options = {
      ...ESBUILD_OPTIONS,
      mainFields: [...ESBUILD_OPTIONS.mainFields],
      external: [],
      absWorkingDir: ROOT,
      logLevel: 'silent' as const,
    };
    const file = join(dir, 'builtin.js');
    const empty = join(dir, 'empty.js');
    await build({ ...options, entryPoints: [join(ROOT, 'lambda/domain/triage/builtin.ts')], outfile: file });
    await build({ ...options, stdin: { contents: 'export const builtinToxicity = 1;', loader: 'ts' }, outfile: empty });
    const importOnly =
      'const t=process.hrtime.bigint();require(process.argv[1]);process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))';
    const firstUse = `const t=process.hrtime.bigint();const m=require(process.argv[1]);Promise.resolve(m.builtinToxicity.classify?.({text:'you are an idiot',author:'a',url:null,articleId:'a'},new AbortController().signal)).then(()=>process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6)))`;
    const time = (script: string, target: string) => {
      const child = spawnSync(process.execPath, ['--enable-source-maps', '-e', script, target], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`importing ${target} failed: ${child.stderr}`);
      return Number(child.stdout);
    };
    const bare: number[] = [];
    const imported: number[] = [];
    const used: number[] = [];
    for (let i = 0; i < samples; i++) {
      bare.push(time(importOnly, empty));
      imported.push(time(importOnly, file));
      used.push(time(firstUse, file));
    }
    const code = readFileSync(file);
    return {
      bytes: code.length,
      gzipBytes: gzipSync(code).length,
      bareImportMs: round(median(bare), 1),
      importMs: round(median(imported), 1),
      importAndFirstUseMs: round(median(used), 1),
      samples,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
