/** The leave-source-out results as markdown: bench/results/triage-eval.md and the model card's generated region. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { HeldOutSource } from './leave-source-out';

export interface TriageEval {
  /** The leave-source-out figures, or why there are none. */
  data: 'given' | 'no data given';
  maxError: number;
  sources: (HeldOutSource & { newSiteRemoves?: number })[];
  /** The model each held-out run trained: same features, options and weighting as the shipped one. */
  learning: Record<string, number>;
}

const pct = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)} %`;

export function evalMarkdown(e: TriageEval): string {
  if (e.data !== 'given' || e.sources.length === 0) return 'No leave-source-out figures: the evaluation ran without a data directory.\n';
  const header = [
    'held-out source',
    'head',
    'rows (positives)',
    'ROC AUC',
    `published automatically at best (≤ ${pct(e.maxError)} error)`,
    `removed automatically at best (≤ ${pct(e.maxError)} error)`,
    'civil/ham a new site removes',
  ];
  const rows = e.sources.map((s) => [
    s.file,
    s.head,
    `${s.rows.toLocaleString('en-US')} (${s.positives.toLocaleString('en-US')})`,
    s.auc.toFixed(3),
    pct(s.automaticAtBest.publish),
    pct(s.automaticAtBest.remove),
    s.newSiteRemoves === undefined ? '—' : pct(s.newSiteRemoves),
  ]);
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    'Each row: the model trained on every other file (same features, weighting and training options as the shipped model) and scored on this one. ' +
      '"At best": the largest share a gate could decide with the error’s Wilson 95 % upper bound within the limit, its threshold placed on the source’s own labels — ' +
      'what a site reaches once its own decisions calibrate the score, not what a new site does. ' +
      'The YouTube file has no per-video field, so it is held out as a whole.',
    '',
  ].join('\n');
}

const START = '<!-- triage-eval:start -->';
const END = '<!-- triage-eval:end -->';

/** Replaces the generated region of a markdown file (between the markers) with the evaluation's table. */
export function writeEvalRegion(path: string, e: TriageEval): void {
  const page = readFileSync(path, 'utf8');
  const from = page.indexOf(START);
  const to = page.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${path} has no ${START} … ${END} region`);
  writeFileSync(path, `${page.slice(0, from + START.length)}\n${evalMarkdown(e)}${page.slice(to)}`);
}

export function evalRegion(page: string): string | undefined {
  const from = page.indexOf(START);
  const to = page.indexOf(END);
  return from < 0 || to < from ? undefined : page.slice(from + START.length + 1, to);
}
