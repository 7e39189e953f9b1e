/** BanStore: bans and the look-up by hash. */
import { describe, expect, it } from 'vitest';
import type { StoredBan } from '../../../lambda/domain/bans';
import { at, contractStore, type OpenedStore } from './fixtures';

export function banCases(open: () => Promise<OpenedStore>): void {
  describe('bans', () => {
    const { store } = contractStore(open);
    const ban = (id: string, over: Partial<StoredBan> = {}): StoredBan => ({
      id,
      scope: 'both',
      email: 'banned@example.com',
      commentId: 'c1',
      reason: 'abuse',
      actor: 'mod',
      createdAt: at(0),
      expiresAt: null,
      emailHash: `email-${id}`,
      addressHash: `address-${id}`,
      ...over,
    });

    it('stores a ban, finds it by either hash, lists bans newest first and deletes one with what finds it', async () => {
      await store.putBan(ban('b0001'));
      await store.putBan(ban('b0002', { scope: 'email', addressHash: null, expiresAt: at(86_400) }));
      expect(await store.getBan('b0002')).toEqual(ban('b0002', { scope: 'email', addressHash: null, expiresAt: at(86_400) }));
      expect((await store.listBans()).map((b) => b.id)).toEqual(['b0002', 'b0001']);
      expect((await store.findBans({ emailHash: 'nobody', addressHash: 'address-b0001' })).map((b) => b.id)).toEqual(['b0001']);
      expect((await store.findBans({ emailHash: 'email-b0002', addressHash: null })).map((b) => b.id)).toEqual(['b0002']);

      await store.deleteBan((await store.getBan('b0001'))!);
      expect(await store.getBan('b0001')).toBeUndefined();
      expect(await store.findBans({ emailHash: 'email-b0001', addressHash: 'address-b0001' })).toEqual([]);
      expect((await store.listBans()).map((b) => b.id)).toEqual(['b0002']);
    });
  });
}
