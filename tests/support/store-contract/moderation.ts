/** ModerationStore: status changes conditioned on the version read. */
import { describe, expect, it } from 'vitest';
import { at, contractStore, statusChange, type OpenedStore } from './fixtures';

export function moderationCases(open: () => Promise<OpenedStore>): void {
  describe('changeStatus', () => {
    const { store, insert, approve } = contractStore(open);
    it('approving moves the comment from the queue to the public page, with a new version and a history entry', async () => {
      const record = await insert({ id: 'c1', emailHash: 'h' });
      const updated = await store.changeStatus({ ...statusChange(record, 'approved', 10), reason: 'fine' });
      expect(updated).toEqual({ ...record.comment, status: 'approved', version: 2, updatedAt: at(10) });
      expect(await store.getComment('c1')).toEqual(updated);
      expect((await store.listPublished('article-1', 10)).items.map((c) => c.id)).toEqual(['c1']);
      expect((await store.listByStatus({ status: 'pending', limit: 10, newestFirst: false })).items).toEqual([]);
      expect(await store.getHistory('c1')).toEqual([
        record.history,
        { at: at(10), actor: 'mod', from: 'pending', to: 'approved', reason: 'fine', rule: null },
      ]);
      expect(await store.getAuthorRecord('h')).toEqual({ approved: 1, rejected: 0, spam: 0 });
    });

    it('refuses a change based on a stale version with VersionConflict naming the current one, and changes nothing', async () => {
      const record = await insert({ id: 'c1', emailHash: 'h' });
      await approve(record, 10);
      await expect(store.changeStatus(statusChange(record, 'rejected', 11))).rejects.toMatchObject({
        code: 'VersionConflict',
        message: expect.stringContaining('version 2'),
      });
      expect(await store.getComment('c1')).toMatchObject({ status: 'approved', version: 2 });
      expect(await store.getHistory('c1')).toHaveLength(2);
      expect(await store.getAuthorRecord('h')).toEqual({ approved: 1, rejected: 0, spam: 0 });
    });

    it('refuses a change to a comment that is gone with NotFound', async () => {
      const record = await insert({ id: 'c1' });
      await store.deleteComment({ comment: record.comment, contact: record.contact, at: at(5), actor: 'mod' });
      await expect(store.changeStatus(statusChange(record, 'approved', 10))).rejects.toMatchObject({ code: 'NotFound' });
    });

    it('refuses to set a purge time on private data erased meanwhile, as a conflict', async () => {
      const record = await insert({ id: 'c1' });
      await store.deleteContact(record.contact);
      await expect(store.changeStatus({ ...statusChange(record, 'spam', 10), expiresAt: 2_000_000_000 })).rejects.toMatchObject({
        code: 'VersionConflict',
      });
      expect(await store.getComment('c1')).toMatchObject({ status: 'pending', version: 1 });
    });

    it('moves the author counts with the status and takes a rejected comment off the public page', async () => {
      const record = await insert({ id: 'c1', emailHash: 'h' });
      const approved = await approve(record, 10);
      await store.changeStatus({ ...statusChange({ ...record, comment: approved }, 'spam', 20), expiresAt: 2_000_000_000 });
      expect(await store.getAuthorRecord('h')).toEqual({ approved: 0, rejected: 0, spam: 1 });
      expect((await store.listPublished('article-1', 10)).items).toEqual([]);
      expect((await store.listByStatus({ status: 'spam', limit: 10, newestFirst: true })).items.map((c) => c.id)).toEqual(['c1']);
    });
  });
}
