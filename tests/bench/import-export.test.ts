/** The import benchmark's generated export is what it claims: N valid comments, replies before parents included. */
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { writeExport } from '../../bench/import';
import { convert, type ImportedComment } from '../../scripts/import/convert';
import { readExport } from '../../scripts/import/read-export';

const dir = mkdtempSync(join(tmpdir(), 'import-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('writes the number of comments asked for, all importable, with replies that come before their parents', async () => {
  const file = join(dir, 'export.xml');
  await writeExport(file, 250);
  const comments: ImportedComment[] = [];
  for await (const item of readExport(() => createReadStream(file), 'wxr', 'slug')) {
    const result = item.kind === 'comment' ? convert(item.comment) : undefined;
    expect(result?.kind).toBe('comment');
    if (result?.kind === 'comment') comments.push(result.comment);
  }
  expect(comments).toHaveLength(250);
  expect(new Set(comments.map((c) => c.id)).size).toBe(250);
  const ids = new Set(comments.map((c) => c.id));
  const replies = comments.filter((c) => c.parentId !== null);
  expect(replies.length).toBeGreaterThan(50);
  expect(replies.every((c) => ids.has(c.parentId!))).toBe(true);
  // In the file, reply 8 comes before its parent 7.
  const text = readFileSync(file, 'utf8');
  expect(text.indexOf('<wp:comment_id>8<')).toBeLessThan(text.indexOf('<wp:comment_id>7<'));
  expect(text).toMatch(/<wp:comment_id>8<\/wp:comment_id>[\s\S]*?<wp:comment_parent>7</);
  const statuses = new Set(comments.map((c) => c.status));
  expect(statuses).toEqual(new Set(['approved', 'pending', 'spam']));
});
