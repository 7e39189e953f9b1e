/** A moderator's (or the importer's) changes to a stored comment. */
import type { Comment } from '../comment';
import type { Erasure, StatusChange } from './store-records';

export interface ModerationStore {
  /** Applies the change only if the comment is still at `change.comment.version`; otherwise throws VersionConflict. */
  changeStatus(change: StatusChange): Promise<Comment>;
  /** Erases the comment and its private data, keeping (and extending) its history. */
  deleteComment(change: Erasure): Promise<void>;
}
