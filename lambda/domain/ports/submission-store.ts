/** Storing new comments: what submit and the importer write. */
import type { NewCommentRecord } from './store-records';

export interface SubmissionStore {
  /**
   * Stores a new comment with its private data, atomically with its guards.
   * Throws DomainError Duplicate when a duplicate lock is taken, TooManyRequests
   * when a flood lock is held, and CommentIdTaken when the id already exists.
   */
  insertComment(record: NewCommentRecord): Promise<void>;
  /**
   * Stores several new comments as one, all or none (at most 12; no two may share an
   * author, a guard or an article's first comment). False when any would fail: nothing
   * is stored, and the caller stores them one by one to learn which and why.
   */
  insertCommentsTogether(records: readonly NewCommentRecord[]): Promise<boolean>;
  /** Adds to an article's published counter (for inserts made with publishedCountLater). */
  addPublished(articleId: string, delta: number): Promise<void>;
}
