/**
 * What an import does to what is already there: a second blog's comments
 * with taken source ids, a re-import at cut-over (later deletions and status
 * changes at the source, and a moderator's decision here), the same id twice
 * in one file, closed articles, and the past decisions taught to the triage.
 * On the in-memory store, which the store contract holds to the DynamoDB one.
 */
import { describe, expect, it } from 'vitest';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import type { DecidedExample, SiteLearner } from '../../lambda/domain/triage/learning';
import { importedCommentId } from '../../scripts/import/convert';
import { runImport } from '../../scripts/import/run-import';
import { type MemoryStore, memoryStore } from '../support/memory-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleIdMap } from '../../scripts/import/article-ids';
import { fromFile, IMPORT_FIXTURES } from '../support/import-read';

const hasher = new KeyedHasher('0123456789abcdef0123');
const importInto = (store: MemoryStore, name: string, learner?: SiteLearner) => runImport({ open: fromFile(name), store, hasher, learner });
const moving = (sourceId: string) => importedCommentId('wordpress', 'https://moving.example', sourceId);

describe('a second WordPress.com blog into the same service', () => {
  it('stores its comments although the first blog used the same comment ids', async () => {
    const store = memoryStore();
    expect((await importInto(store, 'wordpress-com.xml')).imported).toBe(1);
    const second = await importInto(store, 'wordpress-com-second-blog.xml');
    expect(second.imported).toBe(1);
    expect((await store.listPublished('first-walk', 10)).items.map((c) => c.comment)).toEqual(['What a view from the top.']);
  });
});

describe('a re-import at cut-over', () => {
  it("applies the later trash, spam and approval of the source, keeps a moderator's decision here, adds the new", async () => {
    const store = memoryStore();
    await importInto(store, 'moving-first-export.xml');
    const ed = await store.getComment(moving('5'));
    await store.changeStatus({
      comment: ed!,
      contact: await store.getContact(moving('5')),
      to: 'approved',
      at: new Date().toISOString(),
      actor: 'moderator',
      reason: 'looks fine',
      expiresAt: null,
    });

    const summary = await importInto(store, 'moving-cut-over-export.xml');
    expect(summary.imported).toBe(1);
    expect(Object.fromEntries(summary.changed)).toEqual({
      'approved → rejected': 1,
      'approved → spam': 1,
      'pending → approved': 1,
      'spam at the source, kept approved (a moderator here acted)': 1,
    });
    const statuses = await Promise.all(['1', '2', '3', '4', '5', '6'].map(async (id) => (await store.getComment(moving(id)))?.status));
    expect(statuses).toEqual(['approved', 'rejected', 'spam', 'approved', 'approved', 'approved']);
    expect((await store.countPublished(['cut-over'])).get('cut-over')).toBe(4);
    expect(summary.toText()).toContain('changed at the source');
  });
});

describe('a re-import with other article ids', () => {
  it('moves the comments to their new articles, counts and all', async () => {
    const store = memoryStore();
    await runImport({ open: fromFile('disqus-threads.xml'), store, hasher });
    const chinese = '_E4_BD_A0_E5_A5_BD_E4_B8_96_E7_95_8C';
    expect((await store.countPublished([chinese])).get(chinese)).toBe(1);
    const articleIdMap = parseArticleIdMap(readFileSync(join(IMPORT_FIXTURES, 'article-ids.csv'), 'utf8'));
    const again = await runImport({ open: fromFile('disqus-threads.xml'), store, hasher, articleIdMap });
    expect(Object.fromEntries(again.changed)).toEqual({ 'moved to another article (the article ids changed)': 1 });
    expect(again.skipped.get('already imported')).toBe(4);
    expect((await store.countPublished([chinese, 'hello-world'])).get(chinese)).toBe(0);
    expect((await store.listPublished('hello-world', 10)).items.map((c) => c.comment)).toEqual(['你好!']);
    expect((await store.countPublished(['hello-world'])).get('hello-world')).toBe(1);
  });
});

describe('one file', () => {
  it('with the same comment id twice: the second is reported, not counted as imported before', async () => {
    const store = memoryStore();
    const summary = await importInto(store, 'post-states.xml');
    expect(summary.bad.map((entry) => `${entry.sourceId}: ${entry.problem}`)).toEqual([
      expect.stringMatching(/^4: the same id is at \d+:\d+ too/),
    ]);
    expect(summary.skipped.get('already imported')).toBeUndefined();
  });

  it('closes the articles closed at the source, and leaves the others open', async () => {
    const store = memoryStore();
    await importInto(store, 'post-states.xml');
    expect((await store.getArticle('old-news'))?.commentsOpen).toBe(false);
    expect((await store.getArticle('fresh-news'))?.commentsOpen ?? true).toBe(true);
    expect((await store.listPublished('members-only', 10)).items).toEqual([]);
  });
});

describe('the past decisions in an export', () => {
  it("are taught to the site's triage: approved, spam and trashed (as rejected), never pending, with no name or email", async () => {
    const taught: DecidedExample[] = [];
    const learner: SiteLearner = {
      async teach(examples) {
        taught.push(...examples);
        const count = (label: string) => examples.filter((e) => e.label === label).length;
        return { taught: { approved: count('approved'), rejected: count('rejected'), spam: count('spam') } };
      },
    };
    const summary = await importInto(memoryStore(), 'wordpress.xml', learner);
    expect(taught.map((e) => [e.label, e.input.text.slice(0, 20)]).sort()).toEqual(
      [
        ['approved', 'Agreed, Ivan – a rep'],
        ['approved', 'From the old days, b'],
        ['approved', 'Peskov said no… see '],
        ['approved', 'Слава Україні — a po'],
        ['rejected', 'In the bin.'],
        ['spam', 'Buy now!'],
      ].sort(),
    );
    expect(taught.every((e) => e.origin === 'import' && e.scoresAtDecision === undefined)).toBe(true);
    expect(JSON.stringify(taught)).not.toMatch(/@example\.com|Ivan & Co|Olena/);
    expect(summary.taught).toEqual({ approved: 4, rejected: 1, spam: 1 });
    expect(summary.toText()).toContain('learned from 6 past decisions: 4 approved, 1 rejected (trashed), 1 spam');
  });
});
