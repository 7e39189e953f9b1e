/** SubmissionStore: new comments, one at a time and several at once (the importer's). */
import { describe, expect, it } from 'vitest';
import { CommentIdTaken } from '../../../lambda/domain/ports/store-records';
import { at, contractStore, draft, type OpenedStore } from './fixtures';

export function submissionCases(open: () => Promise<OpenedStore>): void {
  describe("insertCommentsTogether (the importer's)", () => {
    const { store, insert } = contractStore(open);
    it('stores several comments at once, their published counts added later by the caller', async () => {
      const records = ['t1', 't2', 't3'].map((id) => ({ ...draft({ id, status: 'approved' }), publishedCountLater: true }));
      expect(await store.insertCommentsTogether(records)).toBe(true);
      for (const record of records) expect(await store.getComment(record.comment.id)).toEqual(record.comment);
      expect((await store.countPublished(['article-1'])).get('article-1')).toBe(0);
      await store.addPublished('article-1', 3);
      expect((await store.countPublished(['article-1'])).get('article-1')).toBe(3);
    });

    it('stores none of them when one cannot be stored', async () => {
      await insert({ id: 'taken' });
      const records = [draft({ id: 'new-1' }), draft({ id: 'taken', guardKeys: ['dup:x'] }), draft({ id: 'new-2' })];
      expect(await store.insertCommentsTogether(records)).toBe(false);
      expect(await store.getComment('new-1')).toBeUndefined();
      expect(await store.getComment('new-2')).toBeUndefined();
    });
  });

  describe('insertComment', () => {
    const { store, insert } = contractStore(open);
    it('stores the comment, its first history entry and its private data', async () => {
      const record = await insert({ id: 'c1' });
      expect(await store.getComment('c1')).toEqual(record.comment);
      expect(await store.getContact('c1')).toEqual(record.contact);
      expect(await store.getHistory('c1')).toEqual([record.history]);
      expect(await store.getComment('c-unknown')).toBeUndefined();
    });

    it('refuses a reused id with CommentIdTaken and keeps the first comment', async () => {
      const first = await insert({ id: 'c1' });
      const again = draft({ id: 'c1', guardKeys: ['dup:other:email', 'dup:other:author'] });
      again.comment.comment = 'A different text.';
      await expect(store.insertComment(again)).rejects.toBeInstanceOf(CommentIdTaken);
      expect(await store.getComment('c1')).toEqual(first.comment);
      // The refused write took none of its guards.
      await expect(insert({ id: 'c2', guardKeys: ['dup:other:email'] })).resolves.toBeDefined();
    });

    it('refuses a taken duplicate guard with Duplicate and stores nothing of the refused comment', async () => {
      await insert({ id: 'c1', guardKeys: ['dup:same-text'] });
      await expect(
        insert({ id: 'c2', guardKeys: ['dup:same-text'], floodKeys: ['flood:email:x'], status: 'approved' }),
      ).rejects.toMatchObject({
        code: 'Duplicate',
      });
      expect(await store.getComment('c2')).toBeUndefined();
      expect(await store.getContact('c2')).toBeUndefined();
      expect(await store.getHistory('c2')).toEqual([]);
      expect(await store.getAuthorRecord('hash-c2')).toEqual({ approved: 0, rejected: 0, spam: 0 });
      // Its flood lock was not taken either.
      await expect(insert({ id: 'c3', floodKeys: ['flood:email:x'] })).resolves.toBeDefined();
    });

    it('reports a duplicate before a held flood lock', async () => {
      await insert({ id: 'c1', guardKeys: ['dup:same-text'], floodKeys: ['flood:email:x'] });
      await expect(insert({ id: 'c2', second: 1, guardKeys: ['dup:same-text'], floodKeys: ['flood:email:x'] })).rejects.toMatchObject({
        code: 'Duplicate',
      });
    });

    it('refuses a held flood lock with the whole seconds left, and frees it when the window has passed', async () => {
      await insert({ id: 'c1', floodKeys: ['flood:email:x'] });
      await expect(insert({ id: 'c2', second: 2.5, floodKeys: ['flood:email:x'] })).rejects.toMatchObject({
        code: 'TooManyRequests',
        details: { retryAfterSeconds: 13 },
      });
      expect(await store.getComment('c2')).toBeUndefined();
      await expect(insert({ id: 'c3', second: 15, floodKeys: ['flood:email:x'] })).resolves.toBeDefined();
      // A shorter window applies to a lock taken under a longer one.
      await expect(insert({ id: 'c4', second: 20, floodKeys: ['flood:email:x'], floodMs: 5_000 })).resolves.toBeDefined();
    });

    it('takes all of its flood locks or none', async () => {
      await insert({ id: 'c1', floodKeys: ['flood:ip:1'] });
      await expect(insert({ id: 'c2', second: 1, floodKeys: ['flood:email:2', 'flood:ip:1'] })).rejects.toMatchObject({
        code: 'TooManyRequests',
      });
      await expect(insert({ id: 'c3', second: 1, floodKeys: ['flood:email:2'] })).resolves.toBeDefined();
    });

    it("records an article's first comment once, and article settings keep it", async () => {
      expect(await store.getArticle('article-1')).toBeUndefined();
      await insert({ id: 'c1', firstCommentOfArticle: true });
      await insert({ id: 'c2', second: 60, firstCommentOfArticle: true });
      expect(await store.getArticle('article-1')).toEqual({
        articleId: 'article-1',
        commentsOpen: true,
        publishedAt: null,
        premoderation: null,
        firstCommentAt: at(0),
      });
      await store.putArticle({
        articleId: 'article-1',
        commentsOpen: false,
        publishedAt: at(-100),
        premoderation: true,
        firstCommentAt: null,
      });
      expect(await store.getArticle('article-1')).toEqual({
        articleId: 'article-1',
        commentsOpen: false,
        publishedAt: at(-100),
        premoderation: true,
        firstCommentAt: at(0),
      });
    });

    it("counts an author's published and spam comments, not pending ones", async () => {
      await insert({ id: 'c1', emailHash: 'h', status: 'approved' });
      await insert({ id: 'c2', emailHash: 'h', status: 'spam' });
      await insert({ id: 'c3', emailHash: 'h', status: 'pending' });
      expect(await store.getAuthorRecord('h')).toEqual({ approved: 1, rejected: 0, spam: 1 });
    });
  });
}
