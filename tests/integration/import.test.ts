/**
 * Import on DynamoDB Local, through the service's own store: the imported
 * comments read, moderate and guard exactly like posted ones; a second
 * import stores nothing new; a dry run writes nothing.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { allItems } from '../support/table-dump';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { dynamoDbStores } from '../../lambda/adapters/dynamodb/stores';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { importedCommentId } from '../../scripts/import/convert';
import { runImport } from '../../scripts/import/run-import';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { ensureTables } from '../../scripts/local/tables';
import { api, startFloodFreeRuntime, moderatorApi } from '../support/runtime';

const FIXTURES = join(__dirname, '..', 'fixtures', 'import');
const ARTICLE = 'putin-g20-negotiation-offer';
const wp = (sourceId: string) => importedCommentId('wordpress', 'https://news.example', sourceId);
const dsq = (sourceId: string) => importedCommentId('disqus', 'kyivdaily', sourceId);

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

/** Imports a fixture into the given tables with the runtime's hash key (as `npm run import` uses npm start's). */
function importFixture(name: string, options: { tables?: Record<string, string>; dryRun?: boolean } = {}) {
  const tables = options.tables ?? runtime.tables;
  return runImport({
    open: () => createReadStream(join(FIXTURES, name)),
    store: dynamoDbStores(db, { comments: tables.Comments!, private: tables.Private! }),
    hasher: new KeyedHasher(process.env.HASH_KEY!),
    dryRun: options.dryRun,
  });
}

const everything = (tables: Record<string, string> = runtime.tables) => allItems(runtime, tables);

const admin = moderatorApi(() => runtime);

describe('importing a WordPress export', () => {
  it('imports the good entries, skips and reports the rest, with where each bad one is', async () => {
    const summary = await importFixture('wordpress.xml');
    expect(summary.imported).toBe(6);
    expect(Object.fromEntries(summary.skipped)).toEqual({ trash: 1, 'on a trashed post': 1, pingback: 1, trackback: 1, duplicate: 1 });
    expect(summary.bad.map((entry) => `${entry.at.line}:${entry.at.column}`).sort()).toEqual(['148:4', '160:4']);
    expect(summary.ok).toBe(false);
  });

  it('publishes the approved comments, oldest first, replies under their parents, without emails', async () => {
    const page = await api(runtime, 'GET', `/articles/${ARTICLE}/comments`);
    expect(page.status).toBe(200);
    expect(
      page.body.comments.map((c: { id: string; parentId: string | null; createdAt: string }) => [c.id, c.parentId, c.createdAt]),
    ).toEqual([
      [wp('18'), null, '2009-05-01T08:30:00.000Z'],
      [wp('11'), null, '2024-11-23T10:00:00.000Z'],
      [wp('12'), wp('11'), '2024-11-23T11:05:00.000Z'],
    ]);
    expect(page.body.comments[1]).toMatchObject({ author: 'Ivan & Co', url: null });
    expect(page.text).not.toMatch(/@example\.com/);
  });

  it('puts pending and spam where moderators find them, with the email and an "imported" history', async () => {
    const pending = await admin('GET', `/comments?status=pending&articleId=${ARTICLE}`);
    expect(pending.body.comments.map((c: { id: string; email: string }) => [c.id, c.email])).toEqual([[wp('13'), 'maria@example.com']]);
    const spam = await admin('GET', '/comments?status=spam');
    expect(spam.body.comments.map((c: { id: string }) => c.id)).toEqual([wp('14')]);
    const history = await admin('GET', `/comments/${wp('11')}/history`);
    expect(history.body.history).toEqual([
      expect.objectContaining({
        actor: 'imported',
        from: null,
        to: 'approved',
        rule: 'import',
        reason: 'imported from WordPress (comment 11)',
      }),
    ]);
    // And it moderates like any comment.
    const approved = await admin('POST', `/comments/${wp('13')}/approve`, { expectedVersion: 1 });
    expect(approved.status).toBe(200);
  });

  it('guards against the same comment posted again, and counts the author as if they had posted', async () => {
    const again = await api(runtime, 'POST', `/articles/${ARTICLE}/comments`, {
      body: {
        comment: 'Agreed, Ivan – a reply that comes before its parent in the file.',
        author: 'Olena',
        email: 'olena@example.com',
        parentId: wp('11'),
      },
    });
    expect(again.status).toBe(409);

    // Auto-approve trusts an email with an approved comment: Olena's imported one counts.
    expect((await admin('PUT', '/settings', { autoApprove: { enabled: true, minApproved: 1 } })).status).toBe(200);
    const trusted = await api(runtime, 'POST', `/articles/${ARTICLE}/comments`, {
      body: { comment: 'Back after the move.', author: 'Olena', email: 'olena@example.com' },
    });
    expect(trusted.status).toBe(201);
    const stranger = await api(runtime, 'POST', `/articles/${ARTICLE}/comments`, {
      body: { comment: 'New here.', author: 'Pills', email: 'pills@spam.example' },
    });
    expect(stranger.status).toBe(202);
    await admin('PUT', '/settings', { autoApprove: { enabled: false, minApproved: 1 } });
  });

  it("stores nothing new when the same file is imported again, and keeps a moderator's decision", async () => {
    const before = await everything();
    const summary = await importFixture('wordpress.xml');
    expect(summary.imported).toBe(0);
    expect(summary.skipped.get('already imported')).toBe(5);
    // Comment 13 was approved by a moderator above: the file's "pending" does not undo that.
    expect(Object.fromEntries(summary.changed)).toEqual({ 'pending at the source, kept approved (a moderator here acted)': 1 });
    expect(await everything()).toEqual(before);
  });
});

describe('importing a Disqus export', () => {
  it('imports posts under the thread link path, replies before parents, spam, and a guest without email', async () => {
    const summary = await importFixture('disqus.xml');
    expect(summary.imported).toBe(4);
    expect(Object.fromEntries(summary.skipped)).toEqual({ deleted: 2 });
    const reply = await admin('GET', `/comments/${dsq('7002')}`);
    expect(reply.body).toMatchObject({ articleId: ARTICLE, parentId: dsq('7001'), status: 'approved', email: 'olena@example.com' });
    const guest = await admin('GET', `/comments/${dsq('7003')}`);
    expect(guest.body).toMatchObject({ author: 'Guest', status: 'approved' });
    expect((await admin('GET', `/comments/${dsq('7004')}`)).body.status).toBe('spam');
  });
});

describe('a re-import with another article id', () => {
  it("moves the comment: gone from the old article's page and count, on the new one's", async () => {
    const store = dynamoDbStores(db, { comments: runtime.tables.Comments!, private: runtime.tables.Private! });
    const hasher = new KeyedHasher(process.env.HASH_KEY!);
    const open = () => createReadStream(join(FIXTURES, 'disqus-threads.xml'));
    await runImport({ open, store, hasher });
    const chinese = '_E4_BD_A0_E5_A5_BD_E4_B8_96_E7_95_8C';
    const summary = await runImport({
      open,
      store,
      hasher,
      articleIdMap: new Map([['http://notes.example/2015/03/你好世界/', 'hello-world']]),
    });
    expect(Object.fromEntries(summary.changed)).toEqual({ 'moved to another article (the article ids changed)': 1 });
    expect((await api(runtime, 'GET', `/articles/${chinese}/comments`)).body.comments).toEqual([]);
    expect((await api(runtime, 'GET', '/articles/hello-world/comments')).body.comments.map((c: { comment: string }) => c.comment)).toEqual([
      '你好!',
    ]);
    expect((await api(runtime, 'GET', `/counts?articles=${chinese},hello-world`)).body.counts).toEqual({ [chinese]: 0, 'hello-world': 1 });
  });
});

describe('comments without an email', () => {
  const wxr = (comments: string) =>
    `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:base_site_url>https://guests.example</wp:base_site_url><item><wp:post_name>guests</wp:post_name>${comments}</item></channel></rss>`;
  const guest = (id: number, author: string) =>
    `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>${author}</wp:comment_author><wp:comment_date_gmt>2020-01-01 00:00:0${id}</wp:comment_date_gmt><wp:comment_content>+1</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>`;

  it('are duplicates only by name: two guests who both wrote "+1" are both kept', async () => {
    const text = wxr(guest(1, 'Anna') + guest(2, 'Boris') + guest(3, 'Anna'));
    const summary = await runImport({
      open: () => [text][Symbol.iterator]() as unknown as AsyncIterable<string>,
      store: dynamoDbStores(db, { comments: runtime.tables.Comments!, private: runtime.tables.Private! }),
      hasher: new KeyedHasher(process.env.HASH_KEY!),
    });
    expect(summary.imported).toBe(2);
    expect(Object.fromEntries(summary.skipped)).toEqual({ duplicate: 1 });
    expect(Object.fromEntries(summary.notes)).toEqual({ 'no email address': 2 });
  });
});

describe('a dry run', () => {
  it('writes nothing and says what it would import', async () => {
    const tables = await ensureTables(runtime.dynamodb.endpoint, `dry${Date.now().toString(36)}_`);
    const summary = await importFixture('wordpress.xml', { tables, dryRun: true });
    expect(summary.imported).toBe(7);
    expect(await everything(tables)).toEqual([]);
  });
});
