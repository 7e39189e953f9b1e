/**
 * Reads a training-data directory (one JSON object per line in each *.jsonl:
 * `{ text, label: toxic|civil|spam|ham, source, lang }`) and turns rows into
 * weighted examples for the two heads. The directory is always an argument:
 * nothing here knows where the data lives.
 *
 * Which rows teach which head, and how much (docs/model-card.md says why):
 * - remove: toxic = 1, civil = 0, from the toxicity files only;
 * - spam: spam = 1, ham = 0 from the spam files, and civil comments from the
 *   toxicity files as ham too (a civil comment is a real comment, not an
 *   advert), their total capped at the spam files' own ham. Toxic comments are
 *   left out of the spam head: they are neither adverts nor what "ham" means.
 * - every (file, label) group counts at most GROUP_CAP rows' worth (larger
 *   groups are down-weighted), the all-toxic news-comment file at most
 *   ALL_TOXIC_CAP, so no one file's style becomes "toxic"; then each head's
 *   classes get equal total weight.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type RowLabel = 'toxic' | 'civil' | 'spam' | 'ham';
export interface Row {
  text: string;
  label: RowLabel;
  /** The file it came from, without `.jsonl`: the unit a leave-source-out evaluation holds out. */
  file: string;
  lang: string;
}

export type HeadName = 'remove' | 'spam';
export interface Example {
  row: number;
  y: 0 | 1;
  weight: number;
}

export const GROUP_CAP = 4000;
export const ALL_TOXIC_CAP = 1500;

export function readRows(dir: string): Row[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  if (files.length === 0) throw new Error(`no *.jsonl files in ${dir}`);
  const rows: Row[] = [];
  for (const f of files) {
    const file = f.slice(0, -'.jsonl'.length);
    const lines = readFileSync(join(dir, f), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = JSON.parse(line) as Partial<Row>;
      if (typeof parsed.text !== 'string' || !['toxic', 'civil', 'spam', 'ham'].includes(parsed.label as string)) {
        throw new Error(`${f}:${i + 1}: expected { text, label: toxic|civil|spam|ham }`);
      }
      rows.push({ text: parsed.text, label: parsed.label as RowLabel, file, lang: typeof parsed.lang === 'string' ? parsed.lang : 'und' });
    });
  }
  return rows;
}

/** A file is a toxicity source if its rows are toxic/civil, a spam source if spam/ham. */
export const isSpamFile = (rows: readonly Row[], file: string): boolean =>
  rows.some((r) => r.file === file && (r.label === 'spam' || r.label === 'ham'));

export function files(rows: readonly Row[]): string[] {
  return [...new Set(rows.map((r) => r.file))].sort();
}

/** The weighted examples of one head, over the rows whose index `use` accepts. */
export function examplesFor(head: HeadName, rows: readonly Row[], use: (row: number) => boolean): Example[] {
  const picked: { row: number; y: 0 | 1; group: string; cap: number }[] = [];
  const hamFromComments: number[] = [];
  const withCivil = new Set(rows.filter((r) => r.label === 'civil').map((r) => r.file));
  rows.forEach((r, row) => {
    if (!use(row)) return;
    if (head === 'remove' && (r.label === 'toxic' || r.label === 'civil')) {
      const allToxic = !withCivil.has(r.file);
      picked.push({ row, y: r.label === 'toxic' ? 1 : 0, group: `${r.file}/${r.label}`, cap: allToxic ? ALL_TOXIC_CAP : GROUP_CAP });
    }
    if (head === 'spam') {
      if (r.label === 'spam' || r.label === 'ham')
        picked.push({ row, y: r.label === 'spam' ? 1 : 0, group: `${r.file}/${r.label}`, cap: GROUP_CAP });
      if (r.label === 'civil') hamFromComments.push(row);
    }
  });
  const sizes = new Map<string, number>();
  for (const p of picked) sizes.set(p.group, (sizes.get(p.group) ?? 0) + 1);
  const examples: Example[] = picked.map((p) => ({ row: p.row, y: p.y, weight: Math.min(1, p.cap / sizes.get(p.group)!) }));
  if (head === 'spam' && hamFromComments.length > 0) {
    const spamFileHam = examples.filter((e) => e.y === 0).reduce((sum, e) => sum + e.weight, 0);
    const each = Math.min(1, Math.max(spamFileHam, 1) / hamFromComments.length);
    for (const row of hamFromComments) examples.push({ row, y: 0, weight: each });
  }
  // Equal total weight per class, so the bias starts from even odds rather than the files' mix.
  const total = (y: 0 | 1) => examples.filter((e) => e.y === y).reduce((sum, e) => sum + e.weight, 0);
  const positives = total(1);
  const negatives = total(0);
  if (positives > 0 && negatives > 0) {
    const half = (positives + negatives) / 2;
    for (const e of examples) e.weight *= half / (e.y === 1 ? positives : negatives);
  }
  return examples;
}
