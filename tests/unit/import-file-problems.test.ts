/**
 * Export files as they come from real sites: WordPress.com's https namespace
 * and undeclared prefixes, characters XML forbids, encodings other than
 * UTF-8, gzip-compressed files. Each fixture is the smallest file showing it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../scripts/import/read-export';
import type { SourceItem } from '../../scripts/import/source-comment';
import { MalformedXml } from '../../scripts/import/xml-stream';
import { fromBytes, fromFile, IMPORT_FIXTURES, outcomesOf, readItems } from '../support/import-read';

const textOf = (items: SourceItem[]) => items.map((item) => (item.kind === 'comment' ? item.comment.html : `bad: ${item.problem}`));

async function readUntilStopped(open: Parameters<typeof readItems>[0], lenient = false) {
  const seen: SourceItem[] = [];
  const error = await readItems(open, 'slug', lenient).then(
    (items) => {
      seen.push(...items);
      return null;
    },
    (e: unknown) => e,
  );
  return { seen, error };
}

describe('WordPress.com exports', () => {
  it('are read with the https namespace and an <atom:link> whose prefix is not declared', async () => {
    expect(await detectFormat(fromFile('wordpress-com.xml'))).toBe('wxr');
    const { byId, bad } = await outcomesOf(fromFile('wordpress-com.xml'));
    expect(bad).toEqual([]);
    expect(byId.get('168')).toMatchObject({ articleId: 'opening-day', author: 'Nadia', comment: 'Congratulations on the opening!' });
  });
});

describe('characters XML forbids', () => {
  it('stop the reading by default, naming the character and where it is', async () => {
    const { error } = await readUntilStopped(fromFile('control-character.xml'));
    expect(error).toBeInstanceOf(MalformedXml);
    const malformed = error as MalformedXml;
    expect(malformed.reason).toContain('U+000B');
    const lines = readFileSync(join(IMPORT_FIXTURES, 'control-character.xml'), 'latin1').split('\n');
    expect(malformed.at.line).toBe(lines.findIndex((line) => line.includes('\u000B')) + 1);
    expect(malformed.message.match(/\d+:\d+/g)).toHaveLength(1);
  });

  it('are dropped with --lenient, and every comment read', async () => {
    const { seen, error } = await readUntilStopped(fromFile('control-character.xml'), true);
    expect(error).toBeNull();
    expect(textOf(seen)).toEqual(['Before the tab.', 'Tabhere.', 'After the tab.']);
  });
});

describe('the declared encoding', () => {
  it('is honoured when the bytes are in it', async () => {
    const { seen } = await readUntilStopped(fromFile('latin1.xml'));
    expect(textOf(seen)).toEqual(['I don’t think so.', 'Café au lait.']);
  });

  it('gives way to UTF-8 when the file is UTF-8 all the same (as WordPress writes it)', async () => {
    const { seen } = await readUntilStopped(fromFile('declared-latin1-but-utf8.xml'));
    expect(textOf(seen)).toEqual(['I don’t think so.', '中文评论']);
  });

  it('stops at the line of the first byte that is not UTF-8 in a UTF-8 file, rather than storing "�"', async () => {
    const { error } = await readUntilStopped(fromFile('broken-utf8.xml'));
    expect(error).toBeInstanceOf(MalformedXml);
    const lines = readFileSync(join(IMPORT_FIXTURES, 'broken-utf8.xml'), 'latin1').split('\n');
    expect((error as MalformedXml).at.line).toBe(lines.findIndex((line) => line.includes('\u0092')) + 1);
    expect((error as MalformedXml).reason).toContain('not valid utf-8');
  });
});

describe('a gzip-compressed export', () => {
  it('is read as the file inside it', async () => {
    const bytes = gzipSync(readFileSync(join(IMPORT_FIXTURES, 'disqus.xml')));
    expect(await detectFormat(fromBytes(bytes))).toBe('disqus');
    expect(await readItems(fromBytes(bytes))).toEqual(await readItems(fromFile('disqus.xml')));
  });
});

describe('characters nobody saw', () => {
  it('keep the comment: C1 controls read as Windows-1252, other controls and direction marks in names dropped, each noted', async () => {
    const { byId, bad, notes } = await outcomesOf(fromFile('invisible-characters.xml'));
    expect(bad).toEqual([]);
    expect(byId.get('1')).toMatchObject({ comment: 'Fast—really fast. It’s true.' });
    expect(byId.get('2')).toMatchObject({ comment: 'Line…endŸ and a delete key.' });
    expect(byId.get('3')).toMatchObject({ author: 'דנה', comment: 'שלום' });
    expect(new Set(notes)).toEqual(
      new Set([
        'comment: C1 control characters read as the Windows-1252 characters they stand for',
        'comment: invisible control characters dropped',
        'name: invisible direction-changing characters dropped',
        'no email address',
      ]),
    );
  });
});
