/** ModerationStore.deleteComment and PrivacyStore: erasing a comment, anonymising it, forgetting an author. */
import { describe, expect, it } from 'vitest';
import { at, contractStore, type OpenedStore } from './fixtures';

export function erasureCases(open: () => Promise<OpenedStore>): void {
  describe('delete and anonymise', () => {
    const { store, insert, approve } = contractStore(open);
    it('delete erases the comment and its private data, frees its guards, uncounts it and keeps its history', async () => {
      const record = await insert({ id: 'c1', emailHash: 'h', status: 'approved' });
      await store.deleteComment({ comment: record.comment, contact: record.contact, at: at(30), actor: 'mod', reason: 'off topic' });
      expect(await store.getComment('c1')).toBeUndefined();
      expect(await store.getContact('c1')).toBeUndefined();
      expect((await store.listPublished('article-1', 10)).items).toEqual([]);
      expect(await store.getAuthorRecord('h')).toEqual({ approved: 0, rejected: 0, spam: 0 });
      expect(await store.getHistory('c1')).toEqual([
        record.history,
        { at: at(30), actor: 'mod', from: 'approved', to: 'deleted', reason: 'off topic', rule: null },
      ]);
      await expect(insert({ id: 'c2', guardKeys: record.contact.guardKeys })).resolves.toBeDefined();
    });

    it('delete on a stale version is VersionConflict and erases nothing', async () => {
      const record = await insert({ id: 'c1' });
      await approve(record, 10);
      await expect(
        store.deleteComment({ comment: record.comment, contact: record.contact, at: at(30), actor: 'mod' }),
      ).rejects.toMatchObject({
        code: 'VersionConflict',
      });
      expect(await store.getComment('c1')).toMatchObject({ version: 2 });
      expect(await store.getContact('c1')).toEqual(record.contact);
    });

    it('anonymise keeps the text and status, drops the name, website and private data, and keeps the counts', async () => {
      const record = await insert({ id: 'c1', emailHash: 'h', status: 'approved' });
      const erasure = {
        comment: record.comment,
        contact: record.contact,
        at: at(40),
        actor: 'privacy',
        reason: 'request',
        rule: 'erase',
      };
      const anonymous = await store.anonymiseComment(erasure);
      expect(anonymous).toEqual({ ...record.comment, author: 'Anonymous', url: null, version: 2, updatedAt: at(40) });
      expect(await store.getComment('c1')).toEqual(anonymous);
      expect(await store.getContact('c1')).toBeUndefined();
      expect((await store.listPublished('article-1', 10)).items.map((c) => [c.author, c.url, c.comment])).toEqual([
        ['Anonymous', null, record.comment.comment],
      ]);
      expect(await store.getAuthorRecord('h')).toEqual({ approved: 1, rejected: 0, spam: 0 });
      expect((await store.getHistory('c1')).at(-1)).toEqual({
        at: at(40),
        actor: 'privacy',
        from: 'approved',
        to: 'anonymised',
        reason: 'request',
        rule: 'erase',
      });
      await expect(insert({ id: 'c2', guardKeys: record.contact.guardKeys })).resolves.toBeDefined();
      await expect(store.anonymiseComment(erasure)).rejects.toMatchObject({ code: 'VersionConflict' });
    });
  });
}
