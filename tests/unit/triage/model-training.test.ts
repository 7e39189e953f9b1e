/**
 * How the training weighs its data and how the evaluation judges a gate's
 * reach, on small synthetic rows (tests never read the training data).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { largestSafePrefix } from '../../../bench/triage/leave-source-out';
import { ALL_TOXIC_CAP, examplesFor, readRows, type Row } from '../../../scripts/triage/data';
import { learnHead, rocAuc } from '../../../scripts/triage/learn';

const row = (file: string, label: Row['label'], text = `${label} ${file}`): Row => ({ text, label, file, lang: 'en' });
const total = (examples: { weight: number; y: 0 | 1 }[], y: 0 | 1) =>
  examples.filter((e) => e.y === y).reduce((sum, e) => sum + e.weight, 0);

describe('training data weights', () => {
  const rows: Row[] = [
    ...Array.from({ length: 3000 }, () => row('news-all-toxic', 'toxic')),
    ...Array.from({ length: 300 }, () => row('forum', 'toxic')),
    ...Array.from({ length: 700 }, () => row('forum', 'civil')),
    ...Array.from({ length: 50 }, () => row('videos', 'spam')),
    ...Array.from({ length: 150 }, () => row('videos', 'ham')),
  ];
  const all = () => true;

  it('give the remove head toxicity rows only, both classes the same total weight', () => {
    const remove = examplesFor('remove', rows, all);
    expect(remove.every((e) => ['news-all-toxic', 'forum'].includes(rows[e.row]!.file))).toBe(true);
    expect(total(remove, 1)).toBeCloseTo(total(remove, 0), 6);
  });

  it('cap a file that is all toxic, so its style does not become "toxic"', () => {
    const remove = examplesFor('remove', rows, all);
    const news = remove.filter((e) => rows[e.row]!.file === 'news-all-toxic').reduce((sum, e) => sum + e.weight, 0);
    const forumToxic = remove.filter((e) => rows[e.row]!.file === 'forum' && e.y === 1).reduce((sum, e) => sum + e.weight, 0);
    // Before balancing the news file counted ALL_TOXIC_CAP rows' worth against the forum's 300: the ratio survives balancing.
    expect(news / forumToxic).toBeCloseTo(ALL_TOXIC_CAP / 300, 6);
  });

  it('teach the spam head civil comments as ham, toxic comments not at all', () => {
    const spam = examplesFor('spam', rows, all);
    expect(spam.some((e) => rows[e.row]!.label === 'toxic')).toBe(false);
    const civilAsHam = spam.filter((e) => rows[e.row]!.label === 'civil');
    expect(civilAsHam).toHaveLength(700);
    expect(civilAsHam.every((e) => e.y === 0)).toBe(true);
    expect(total(spam, 1)).toBeCloseTo(total(spam, 0), 6);
  });

  it('leave out what the filter excludes (a held-out file teaches nothing)', () => {
    const remove = examplesFor('remove', rows, (i) => rows[i]!.file !== 'forum');
    expect(remove.some((e) => rows[e.row]!.file === 'forum')).toBe(false);
  });
});

describe('reading a data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and line of a row it cannot use', () => {
    writeFileSync(join(dir, 'good.jsonl'), '{"text":"hello","label":"civil"}\n');
    writeFileSync(join(dir, 'bad.jsonl'), '{"text":"ok","label":"ham"}\n{"text":"x","label":"maybe"}\n');
    expect(() => readRows(dir)).toThrow('bad.jsonl:2');
  });
});

describe('learning', () => {
  it('is deterministic and separates separable examples', () => {
    const x = (i: number) => ({ indices: Uint32Array.of(i), values: Float32Array.of(1) });
    const examples = Array.from({ length: 40 }, (_, i) => ({ x: x(i % 2), y: (i % 2) as 0 | 1, weight: 1 }));
    const a = learnHead(4, examples);
    const b = learnHead(4, examples);
    expect(a.weights).toEqual(b.weights);
    expect(a.weights[1]!).toBeGreaterThan(a.weights[0]!);
  });

  it('computes ROC AUC with ties sharing their rank', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 6);
    expect(rocAuc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5, 6);
    expect(rocAuc([0.5, 0.6], [1, 1])).toBeNaN();
  });
});

describe('what a gate could decide at best', () => {
  it('needs enough agreeing decisions for the bound, not just a clean run', () => {
    expect(largestSafePrefix(new Array(100).fill(false), 0.01)).toBe(0);
    expect(largestSafePrefix(new Array(1000).fill(false), 0.01)).toBe(1);
  });

  it('stops where the errors push the bound over the limit', () => {
    const ranked = [...new Array(1000).fill(false), ...new Array(1000).fill(true)];
    const share = largestSafePrefix(ranked, 0.01);
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.51);
  });
});
