/** The leave-source-out results as markdown: bench/results/triage-eval.md and the model card's generated region. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { HeldOutSource } from './leave-source-out';

export interface TriageEval {
  /** The leave-source-out figures, or why there are none. */
  data: 'given' | 'no data given';
  maxError: number;
  /** Older results files may lack `newSiteRemoves`. */
  sources: (Omit<HeldOutSource, 'newSiteRemoves'> & { newSiteRemoves?: number })[];
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
    // One class only (the all-toxic news comments): nothing to rank, and "at best" would be trivially all or nothing.
    s.auc === null ? 'one class only' : s.auc.toFixed(3),
    s.auc === null ? '—' : pct(s.automaticAtBest.publish),
    s.auc === null ? '—' : pct(s.automaticAtBest.remove),
    s.newSiteRemoves === undefined || s.rows === s.positives ? '—' : pct(s.newSiteRemoves),
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

/** A generated region of a markdown page: the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function region(page: string, name: string): string | undefined {
  const start = `<!-- ${name}:start -->\n`;
  const from = page.indexOf(start);
  const to = page.indexOf(`<!-- ${name}:end -->`);
  return from < 0 || to < from ? undefined : page.slice(from + start.length, to);
}

/** Replaces a generated region of a markdown file. */
export function writeRegion(path: string, name: string, content: string): void {
  const page = readFileSync(path, 'utf8');
  const current = region(page, name);
  if (current === undefined) throw new Error(`${path} has no <!-- ${name}:start --> … <!-- ${name}:end --> region`);
  const at = page.indexOf(`<!-- ${name}:start -->\n`) + `<!-- ${name}:start -->\n`.length;
  writeFileSync(path, page.slice(0, at) + content + page.slice(at + current.length));
}
