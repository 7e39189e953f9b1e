/** AuthorStore: an author's private data found through the email index. */
import { describe, expect, it } from 'vitest';
import { at, contractStore, draft, type OpenedStore } from './fixtures';

export function authorCases(open: () => Promise<OpenedStore>): void {
  describe('private data by email', () => {
    const { store, insert, approve } = contractStore(open);
    it("pages an email's contacts oldest first, from a given time, and finds their comments", async () => {
      for (const n of [1, 2, 3, 4]) await insert({ id: `e${n}`, second: n * 100, emailHash: 'h' });
      await insert({ id: 'someone-else', second: 150, emailHash: 'other' });

      const first = await store.listContactsByEmailHash('h', 3);
      expect(first.items.map((ref) => [ref.contact.commentId, ref.createdAt])).toEqual([
        ['e1', at(100)],
        ['e2', at(200)],
        ['e3', at(300)],
      ]);
      expect(first.items[0]!.contact).toEqual(draft({ id: 'e1', emailHash: 'h' }).contact);
      const rest = await store.listContactsByEmailHash('h', 3, first.last);
      expect(rest.items.map((ref) => ref.contact.commentId)).toEqual(['e4']);
      expect(rest.last).toBeUndefined();

      const recent = await store.listContactsByEmailHash('h', 10, undefined, at(200));
      expect(recent.items.map((ref) => ref.contact.commentId)).toEqual(['e2', 'e3', 'e4']);

      const comments = await store.getComments(['e1', 'e3', 'missing']);
      expect([...comments.keys()].sort()).toEqual(['e1', 'e3']);
      expect(comments.get('e3')).toEqual(await store.getComment('e3'));
    });

    it("lists an email's comments in every status newest first, with the record, paged", async () => {
      const kept = await insert({ id: 'e1', second: 100, emailHash: 'h' });
      await approve(kept, 110);
      await insert({ id: 'e2', second: 200, emailHash: 'h', status: 'spam' });
      await insert({ id: 'e3', second: 300, emailHash: 'h' });
      await insert({ id: 'e4', second: 400, emailHash: 'h' });
      await insert({ id: 'someone-else', second: 250, emailHash: 'other' });

      const first = await store.listByEmailHash('h', 2);
      expect(first.items.map((c) => [c.id, c.status, c.email])).toEqual([
        ['e4', 'pending', 'e4@example.com'],
        ['e3', 'pending', 'e3@example.com'],
      ]);
      expect(first.items[0]!.authorRecord).toEqual({ approved: 1, rejected: 0, spam: 1 });
      const rest = await store.listByEmailHash('h', 2, first.last);
      expect(rest.items.map((c) => [c.id, c.status])).toEqual([
        ['e2', 'spam'],
        ['e1', 'approved'],
      ]);
      expect(rest.last).toBeUndefined();
      expect(await store.listByEmailHash('nobody', 5)).toEqual({ items: [] });
    });

    it("forgetAuthor removes the email's counts and the given guards, and nothing of anyone else", async () => {
      await insert({ id: 'c1', emailHash: 'h', status: 'approved', floodKeys: ['flood:email:h'] });
      await insert({ id: 'c2', emailHash: 'other', status: 'approved' });
      await store.forgetAuthor('h', ['flood:email:h']);
      expect(await store.getAuthorRecord('h')).toEqual({ approved: 0, rejected: 0, spam: 0 });
      expect(await store.getAuthorRecord('other')).toEqual({ approved: 1, rejected: 0, spam: 0 });
      await expect(insert({ id: 'c3', second: 1, floodKeys: ['flood:email:h'] })).resolves.toBeDefined();
    });
  });
}
