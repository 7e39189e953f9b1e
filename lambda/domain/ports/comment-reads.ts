/** One comment by id: the comment, its private data and its history. */
import type { Comment, Contact, HistoryEntry } from '../comment';

export interface CommentReads {
  getComment(id: string): Promise<Comment | undefined>;
  getComments(ids: readonly string[]): Promise<Map<string, Comment>>;
  getContact(id: string): Promise<Contact | undefined>;
  getHistory(id: string): Promise<HistoryEntry[]>;
}
