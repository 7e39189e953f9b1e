/** The lists: published comments, the moderators' queues, an email's comments, and the counts. */
import type { ModeratorComment, PublicComment } from '../comment';
import type { Page, StatusQuery } from './store-records';

export interface CommentLists {
  listPublished(articleId: string, limit: number, after?: string): Promise<Page<PublicComment>>;
  /**
   * Published comments per article, from one counter per article that every
   * write moving a comment into or out of `approved` adjusts in its own
   * transaction (never by reading the comments). An unknown article counts 0.
   */
  countPublished(articleIds: readonly string[]): Promise<Map<string, number>>;
  /** Each comment with its email and that email's record (approved / rejected / spam counts). */
  listByStatus(query: StatusQuery): Promise<Page<ModeratorComment>>;
  /** Every stored comment of one email hash, newest first, with the email's record: the email index, never a scan. */
  listByEmailHash(emailHash: string, limit: number, after?: string): Promise<Page<ModeratorComment>>;
  /** When the oldest pending comment was submitted (ISO time), or null when the queue is empty: one item read. */
  oldestPendingAt(): Promise<string | null>;
}
