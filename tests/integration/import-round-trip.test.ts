/**
 * Export -> import -> the public and the moderators' API: counts per article,
 * parents, text, dates, statuses, closed articles and protected posts come
 * out as docs/import.md says, by a reader of the fixture that shares no code
 * with the importer (tests/support/wxr-oracle.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { dynamoDbStores } from '../../lambda/adapters/dynamodb/stores';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { runImport } from '../../scripts/import/run-import';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { fromFile, IMPORT_FIXTURES } from '../support/import-read';
import { api, moderatorApi, startFloodFreeRuntime } from '../support/runtime';
import { expectedImport } from '../support/wxr-oracle';

let runtime: LocalRuntime;
let db: ReturnType<typeof createDocumentClient>;
beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
  db = createDocumentClient(runtime.dynamodb.endpoint);
});
afterAll(async () => {
  db?.destroy();
  await runtime?.stop();
});
const admin = moderatorApi(() => runtime);

interface Listed {
  id: string;
  parentId: string | null;
  author: string;
  comment: string;
  createdAt: string;
}

it('brings every article of the export out through the API as the documentation says', async () => {
  const expected = expectedImport(readFileSync(join(IMPORT_FIXTURES, 'round-trip.xml'), 'utf8'));
  expect(expected.filter((a) => a.comments.length === 0).length).toBeGreaterThanOrEqual(3);
  await runImport({
    open: fromFile('round-trip.xml'),
    store: dynamoDbStores(db, { comments: runtime.tables.Comments!, private: runtime.tables.Private! }),
    hasher: new KeyedHasher(process.env.HASH_KEY!),
  });

  const counts = await api(runtime, 'GET', `/counts?articles=${expected.map((a) => a.articleId).join(',')}`);
  for (const article of expected) {
    const published = article.comments.filter((c) => c.status === 'approved');
    const page = await api(runtime, 'GET', `/articles/${article.articleId}/comments`);
    expect(page.status).toBe(200);
    const listed = page.body.comments as Listed[];
    expect(counts.body.counts[article.articleId]).toBe(published.length);
    expect(page.body.commentsOpen).toBe(!article.closed);
    // Text, author and date as in the file; a reply under the comment the file names as its parent.
    const textOf = new Map(listed.map((c) => [c.id, c.comment]));
    const bySource = new Map(article.comments.map((c) => [c.sourceId, c]));
    expect(
      listed.map((c) => ({
        author: c.author,
        text: c.comment,
        createdAt: c.createdAt,
        parent: c.parentId ? textOf.get(c.parentId) : null,
      })),
    ).toEqual(
      [...published]
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((c) => ({
          author: c.author,
          text: c.text,
          createdAt: c.createdAt,
          parent: c.parentSourceId ? bySource.get(c.parentSourceId)!.text : null,
        })),
    );
    for (const status of ['pending', 'spam'] as const) {
      const queue = await admin('GET', `/comments?status=${status}&articleId=${encodeURIComponent(article.articleId)}`);
      expect((queue.body.comments as Listed[]).map((c) => c.comment).sort()).toEqual(
        article.comments
          .filter((c) => c.status === status)
          .map((c) => c.text)
          .sort(),
      );
    }
  }
  expect(JSON.stringify(counts.body)).not.toContain('@example.com');
});
