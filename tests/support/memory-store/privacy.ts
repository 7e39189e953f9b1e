/** Anonymising, removing private data, forgetting an author. */
import type { Comment, Contact } from '../../../lambda/domain/comment';
import type { Erasure } from '../../../lambda/domain/ports/store-records';
import type { PrivacyStore } from '../../../lambda/domain/ports/privacy-store';
import { ANONYMOUS, copy, erasureEntry, type MemoryTables } from './tables';

export function memoryPrivacyStore(t: MemoryTables): PrivacyStore {
  return {
    async anonymiseComment(change: Erasure): Promise<Comment> {
      const { comment, contact } = change;
      const stored = t.storedAt(comment);
      const next: Comment = { ...comment, author: ANONYMOUS, url: null, version: comment.version + 1, updatedAt: change.at };
      t.comments.set(comment.id, { ...stored, author: ANONYMOUS, url: null, version: next.version, updatedAt: change.at });
      t.addHistory(comment.id, next.version, erasureEntry(change, 'anonymised'));
      if (contact) t.deletePrivateData(contact);
      return copy(next);
    },

    async deleteContact(contact: Contact): Promise<void> {
      t.deletePrivateData(contact);
    },

    async forgetAuthor(emailHash: string, guardKeys: readonly string[]): Promise<void> {
      t.authors.delete(emailHash);
      t.subscribers.delete(emailHash);
      for (const key of guardKeys) {
        t.guards.delete(key);
        t.mailMarks.delete(key);
      }
    },
  };
}
