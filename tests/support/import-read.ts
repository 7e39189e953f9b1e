/** Reading fixture exports the way the importer does, for the importer's unit tests. */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { ImportedComment } from '../../lambda/domain/imported-comment';
import { convert } from '../../scripts/import/convert';
import { prepareExport, readExport, type OpenChunks } from '../../scripts/import/read-export';
import type { ArticleIdSource, SourceItem } from '../../scripts/import/source-comment';

export const IMPORT_FIXTURES = join(__dirname, '..', 'fixtures', 'import');

export const fromFile =
  (name: string): OpenChunks =>
  () =>
    createReadStream(join(IMPORT_FIXTURES, name), { highWaterMark: 64 });

export const fromText =
  (text: string): OpenChunks =>
  () =>
    [text][Symbol.iterator]() as unknown as AsyncIterable<string>;

export const fromBytes = (bytes: Buffer): OpenChunks =>
  async function* () {
    for (let i = 0; i < bytes.length; i += 64) yield bytes.subarray(i, i + 64);
  };

export async function readItems(open: OpenChunks, articleIdFrom: ArticleIdSource = 'slug', lenient = false): Promise<SourceItem[]> {
  const file = await prepareExport(open);
  const items: SourceItem[] = [];
  for await (const item of readExport(file.open, file.format, articleIdFrom, { encoding: file.encoding, lenient })) items.push(item);
  return items;
}

/** Every entry by source id: the converted comment, "skip: reason", or its problem in `bad` (with its line). */
export async function outcomesOf(open: OpenChunks, articleIdFrom: ArticleIdSource = 'slug') {
  const byId = new Map<string, ImportedComment | string>();
  const bad: string[] = [];
  const notes: string[] = [];
  for (const item of await readItems(open, articleIdFrom)) {
    if (item.kind === 'bad') {
      bad.push(`${item.at.line}: ${item.problem}`);
      continue;
    }
    const result = convert(item.comment);
    if (result.kind === 'comment') {
      byId.set(item.comment.sourceId, result.comment);
      notes.push(...result.notes);
    } else if (result.kind === 'skip') byId.set(item.comment.sourceId, `skip: ${result.reason}`);
    else bad.push(`${item.comment.at.line}: ${result.problem}`);
  }
  return { byId, bad, notes };
}
