/** CommentLists: the public and moderators' lists, their paging, and the published counts. */
import { describe, expect, it } from 'vitest';
import { NO_REPORTS } from '../../../lambda/domain/reports';
import { at, contractStore, draft, statusChange, type OpenedStore } from './fixtures';

export function listCases(open: () => Promise<OpenedStore>): void {
  describe('lists', () => {
    const { store, insert, approve } = contractStore(open);
    it("pages an article's published comments oldest first, public fields only, until a page says there is no more", async () => {
      const records = [];
      for (const n of [1, 2, 3, 4, 5]) {
        const record = await insert({ id: `p${n}`, second: n, status: 'approved' });
        records.push(record);
      }
      await insert({ id: 'other-article', second: 3, articleId: 'article-2', status: 'approved' });
      await insert({ id: 'held', second: 3 });

      const first = await store.listPublished('article-1', 2);
      expect(first.items).toEqual(
        records.slice(0, 2).map(({ comment: c }) => ({
          id: c.id,
          parentId: null,
          author: c.author,
          url: c.url,
          comment: c.comment,
          createdAt: c.createdAt,
        })),
      );
      expect(first.last).toBeDefined();
      const second = await store.listPublished('article-1', 2, first.last);
      expect(second.items.map((c) => c.id)).toEqual(['p3', 'p4']);
      const third = await store.listPublished('article-1', 2, second.last);
      expect(third.items.map((c) => c.id)).toEqual(['p5']);
      expect(third.last).toBeUndefined();
      // A page ending exactly at the last comment says so too.
      const whole = await store.listPublished('article-1', 5);
      expect(whole.items).toHaveLength(5);
      expect(whole.last).toBeUndefined();
    });

    it('continues after a position even when the comment there has left the list', async () => {
      for (const n of [1, 2, 3]) await insert({ id: `p${n}`, second: n, status: 'approved' });
      const first = await store.listPublished('article-1', 2);
      const p2 = (await store.getComment('p2'))!;
      await store.changeStatus({
        comment: p2,
        contact: await store.getContact('p2'),
        to: 'rejected',
        at: at(9),
        actor: 'mod',
        reason: null,
        expiresAt: null,
      });
      expect((await store.listPublished('article-1', 2, first.last)).items.map((c) => c.id)).toEqual(['p3']);
    });

    it('lists a status oldest or newest first, across articles or for one, each comment with its email', async () => {
      await insert({ id: 'q1', second: 1 });
      await insert({ id: 'q2', second: 2, articleId: 'article-2' });
      await insert({ id: 'q3', second: 3 });
      await insert({ id: 'done', second: 4, status: 'approved' });

      const oldest = await store.listByStatus({ status: 'pending', limit: 2, newestFirst: false });
      expect(oldest.items.map((c) => [c.id, c.email])).toEqual([
        ['q1', 'q1@example.com'],
        ['q2', 'q2@example.com'],
      ]);
      const rest = await store.listByStatus({ status: 'pending', limit: 2, newestFirst: false, after: oldest.last });
      expect(rest.items.map((c) => c.id)).toEqual(['q3']);
      expect(rest.last).toBeUndefined();

      const newest = await store.listByStatus({ status: 'pending', limit: 1, newestFirst: true });
      expect(newest.items.map((c) => c.id)).toEqual(['q3']);
      const older = await store.listByStatus({ status: 'pending', limit: 5, newestFirst: true, after: newest.last });
      expect(older.items.map((c) => c.id)).toEqual(['q2', 'q1']);

      const ofArticle = await store.listByStatus({ status: 'pending', articleId: 'article-1', limit: 5, newestFirst: false });
      expect(ofArticle.items.map((c) => c.id)).toEqual(['q1', 'q3']);
      expect(ofArticle.items[0]).toEqual({
        ...(await store.getComment('q1')),
        email: 'q1@example.com',
        authorRecord: { approved: 0, rejected: 0, spam: 0 },
        reports: NO_REPORTS,
      });
    });

    it("shows each comment with its email's record of approved, rejected and spam comments", async () => {
      const first = await insert({ id: 'a1', second: 1, emailHash: 'regular' });
      await approve(first, 2);
      await insert({ id: 'a2', second: 3, emailHash: 'regular', status: 'spam' });
      await insert({ id: 'a3', second: 4, emailHash: 'regular' });
      await insert({ id: 'b1', second: 5, emailHash: 'newcomer' });

      const queue = await store.listByStatus({ status: 'pending', limit: 5, newestFirst: false });
      expect(queue.items.map((c) => [c.id, c.authorRecord])).toEqual([
        ['a3', { approved: 1, rejected: 0, spam: 1 }],
        ['b1', { approved: 0, rejected: 0, spam: 0 }],
      ]);
    });

    it('finds the oldest pending comment, and none once the queue is empty', async () => {
      expect(await store.oldestPendingAt()).toBeNull();
      await insert({ id: 'later', second: 50, articleId: 'article-2' });
      const oldest = await insert({ id: 'oldest', second: 10 });
      await insert({ id: 'published', second: 1, status: 'approved' });
      expect(await store.oldestPendingAt()).toBe(at(10));

      await approve(oldest, 60);
      expect(await store.oldestPendingAt()).toBe(at(50));
    });

    it('lists a status by risk: highest score first, ties newest first, unscored last, and follows status changes', async () => {
      await insert({ id: 'low', second: 1, risk: 0.1 });
      await insert({ id: 'none', second: 2 });
      await insert({ id: 'high', second: 3, risk: 0.95 });
      await insert({ id: 'mid-old', second: 4, risk: 0.6 });
      await insert({ id: 'mid-new', second: 5, risk: 0.6 });
      const first = await store.listByStatus({ status: 'pending', limit: 3, newestFirst: false, byRisk: true });
      expect(first.items.map((c) => c.id)).toEqual(['high', 'mid-new', 'mid-old']);
      const rest = await store.listByStatus({ status: 'pending', limit: 3, newestFirst: false, byRisk: true, after: first.last });
      expect(rest.items.map((c) => c.id)).toEqual(['low', 'none']);

      const high = (await store.getComment('high'))!;
      await store.changeStatus({
        comment: high,
        contact: undefined,
        to: 'rejected',
        at: at(9),
        actor: 'mod',
        reason: null,
        expiresAt: null,
      });
      expect((await store.listByStatus({ status: 'pending', limit: 1, newestFirst: false, byRisk: true })).items.map((c) => c.id)).toEqual([
        'mid-new',
      ]);
      expect((await store.listByStatus({ status: 'rejected', limit: 5, newestFirst: true, byRisk: true })).items.map((c) => c.id)).toEqual([
        'high',
      ]);
    });

    it('shows a comment whose private data is gone with no email', async () => {
      const record = await insert({ id: 'q1' });
      await store.deleteContact(record.contact);
      expect((await store.listByStatus({ status: 'pending', limit: 5, newestFirst: false })).items).toEqual([
        { ...record.comment, email: null, authorRecord: null, reports: NO_REPORTS },
      ]);
      expect(await store.getComment('q1')).toEqual(record.comment);
      // Its guards went with it.
      await expect(insert({ id: 'q2', guardKeys: record.contact.guardKeys })).resolves.toBeDefined();
    });
  });

  describe('published counts', () => {
    const { store, insert, approve } = contractStore(open);
    const counts = async (...ids: string[]) => Object.fromEntries(await store.countPublished(ids));

    it('counts comments published at once or approved, per article; pending ones and unknown articles count 0', async () => {
      await insert({ id: 'c1', status: 'approved' });
      await insert({ id: 'c2', second: 1 });
      await insert({ id: 'c3', second: 2, articleId: 'article-2', status: 'spam' });
      expect(await counts('article-1', 'article-2', 'never-commented')).toEqual({ 'article-1': 1, 'article-2': 0, 'never-commented': 0 });
      await approve(draft({ id: 'c2', second: 1 }), 10);
      expect(await counts('article-1')).toEqual({ 'article-1': 2 });
    });

    it('uncounts a published comment that is rejected, marked spam or deleted, and recounts it when approved again', async () => {
      const a = await insert({ id: 'c1', status: 'approved' });
      const b = await insert({ id: 'c2', second: 1, status: 'approved' });
      const c = await insert({ id: 'c3', second: 2, status: 'approved' });
      const rejected = await store.changeStatus(statusChange(a, 'rejected', 10));
      await store.changeStatus({ ...statusChange(b, 'spam', 11), expiresAt: 2_000_000_000 });
      await store.deleteComment({ comment: c.comment, contact: c.contact, at: at(12), actor: 'mod' });
      expect(await counts('article-1')).toEqual({ 'article-1': 0 });
      await store.changeStatus(statusChange({ ...a, comment: rejected }, 'approved', 20));
      expect(await counts('article-1')).toEqual({ 'article-1': 1 });
    });

    it('leaves the count alone when a refused write, a pending delete or an anonymisation changes nothing public', async () => {
      const a = await insert({ id: 'c1', status: 'approved', guardKeys: ['dup:same'] });
      await expect(insert({ id: 'c2', second: 1, status: 'approved', guardKeys: ['dup:same'] })).rejects.toMatchObject({
        code: 'Duplicate',
      });
      await expect(store.changeStatus(statusChange({ ...a, comment: { ...a.comment, version: 7 } }, 'rejected', 5))).rejects.toMatchObject({
        code: 'VersionConflict',
      });
      const pending = await insert({ id: 'c3', second: 2 });
      await store.deleteComment({ comment: pending.comment, contact: pending.contact, at: at(6), actor: 'mod' });
      await store.anonymiseComment({ comment: a.comment, contact: a.contact, at: at(7), actor: 'mod' });
      expect(await counts('article-1')).toEqual({ 'article-1': 1 });
    });
  });
}
