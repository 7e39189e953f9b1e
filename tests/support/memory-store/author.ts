/** An author's counts and private data by email hash. */
import type { AuthorRecord } from '../../../lambda/domain/policy';
import type { ContactRef, Page } from '../../../lambda/domain/ports/store-records';
import type { AuthorStore } from '../../../lambda/domain/ports/author-store';
import { copy, byBytes, positionOf, pageOf, type MemoryTables } from './tables';

export function memoryAuthorStore(t: MemoryTables): AuthorStore {
  return {
    async getAuthorRecord(emailHash: string): Promise<AuthorRecord> {
      return { approved: 0, rejected: 0, spam: 0, ...t.authors.get(emailHash) };
    },

    async listContactsByEmailHash(emailHash: string, limit: number, after?: string, since?: string): Promise<Page<ContactRef>> {
      const matching = [...t.contacts.values()].filter(
        (stored) =>
          stored.contact.emailHash === emailHash && (!since || byBytes(positionOf(stored.createdAt, stored.contact.commentId), since) >= 0),
      );
      return pageOf(
        matching,
        (stored) => positionOf(stored.createdAt, stored.contact.commentId),
        { limit, after, newestFirst: false },
        (stored) => copy(stored),
      );
    },
  };
}
