/** One comment, its private data and its history by id. */
import type { Comment, Contact, HistoryEntry } from '../../../lambda/domain/comment';
import type { CommentReads } from '../../../lambda/domain/ports/comment-reads';
import { copy, byBytes, type MemoryTables } from './tables';

export function memoryCommentReads(t: MemoryTables): CommentReads {
  return {
    async getComment(id: string): Promise<Comment | undefined> {
      const comment = t.comments.get(id);
      return comment && copy(comment);
    },

    async getContact(id: string): Promise<Contact | undefined> {
      const stored = t.contacts.get(id);
      return stored && copy(stored.contact);
    },

    async getComments(ids: readonly string[]): Promise<Map<string, Comment>> {
      const found = new Map<string, Comment>();
      for (const id of ids) {
        const comment = t.comments.get(id);
        if (comment) found.set(id, copy(comment));
      }
      return found;
    },

    async getHistory(id: string): Promise<HistoryEntry[]> {
      const entries = [...(t.histories.get(id)?.values() ?? [])];
      entries.sort((a, b) => byBytes(a.entry.at, b.entry.at) || a.version - b.version);
      return entries.map(({ entry }) => copy(entry));
    },
  };
}
