/** The import benchmark's generated export has a real site's shape: N valid comments, hot articles and many small ones, threads, non-ASCII. */
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { writeExport } from '../../bench/import';
import type { ImportedComment } from '../../lambda/domain/imported-comment';
import { convert } from '../../scripts/import/convert';
import { readExport } from '../../scripts/import/read-export';

const dir = mkdtempSync(join(tmpdir(), 'import-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('writes the number of comments asked for, all importable, shaped like a real site', async () => {
  const file = join(dir, 'export.xml');
  await writeExport(file, 1_000);
  const comments: ImportedComment[] = [];
  let replyBeforeParent = false;
  const seen = new Set<string>();
  for await (const item of readExport(() => createReadStream(file), 'wxr', 'slug')) {
    const result = item.kind === 'comment' ? convert(item.comment) : undefined;
    expect(result?.kind).toBe('comment');
    if (result?.kind !== 'comment') continue;
    comments.push(result.comment);
    seen.add(result.comment.id);
  }
  expect(comments).toHaveLength(1_000);
  expect(seen.size).toBe(1_000);

  const perArticle = new Map<string, number>();
  for (const c of comments) perArticle.set(c.articleId, (perArticle.get(c.articleId) ?? 0) + 1);
  const sizes = [...perArticle.values()].sort((a, b) => b - a);
  expect(sizes.slice(0, 3)).toEqual([100, 100, 100]);
  // Most articles have a handful.
  expect(sizes.filter((size) => size <= 5).length / sizes.length).toBeGreaterThan(0.6);

  const replies = comments.filter((c) => c.parentId !== null);
  expect(replies.length / comments.length).toBeGreaterThan(0.2);
  expect(replies.every((c) => seen.has(c.parentId!))).toBe(true);
  const byId = new Map(comments.map((c) => [c.id, c]));
  const depth = (c: ImportedComment): number => (c.parentId ? 1 + depth(byId.get(c.parentId)!) : 0);
  expect(Math.max(...comments.map(depth))).toBeGreaterThanOrEqual(3);
  // In the file, some replies come before their parents.
  const inFileOrder = [...readFileSync(file, 'utf8').matchAll(/<wp:comment_id>(\d+)<[\s\S]*?<wp:comment_parent>(\d+)</g)];
  const position = new Map(inFileOrder.map((match, index) => [match[1], index]));
  replyBeforeParent = inFileOrder.some((match) => match[2] !== '0' && position.get(match[2])! > position.get(match[1])!);
  expect(replyBeforeParent).toBe(true);

  expect(comments.some((c) => /[^\u0000-\u007F]/.test(c.comment))).toBe(true);
  expect(comments.some((c) => /[^\u0000-\u007F]/.test(c.author))).toBe(true);
  expect([...perArticle.keys()].some((id) => id.startsWith('_D0_BD'))).toBe(true);
  expect(new Set(comments.map((c) => c.status))).toEqual(new Set(['approved', 'pending', 'spam']));
});
