/** Bans. */
import type { StoredBan } from '../../../lambda/domain/bans';
import type { BanStore } from '../../../lambda/domain/ports/ban-store';
import { copy, byBytes, type MemoryTables } from './tables';

export function memoryBanStore(t: MemoryTables): BanStore {
  return {
    async putBan(ban: StoredBan): Promise<void> {
      t.bans.set(ban.id, copy(ban));
    },

    async getBan(id: string): Promise<StoredBan | undefined> {
      const ban = t.bans.get(id);
      return ban && copy(ban);
    },

    async listBans(): Promise<StoredBan[]> {
      return [...t.bans.values()].sort((a, b) => byBytes(b.id, a.id)).map(copy);
    },

    async findBans(subjects: { emailHash: string | null; addressHash: string | null }): Promise<StoredBan[]> {
      return [...t.bans.values()]
        .filter(
          (ban) =>
            (subjects.emailHash !== null && ban.emailHash === subjects.emailHash) ||
            (subjects.addressHash !== null && ban.addressHash === subjects.addressHash),
        )
        .map(copy);
    },

    async deleteBan(ban: StoredBan): Promise<void> {
      t.bans.delete(ban.id);
    },
  };
}
