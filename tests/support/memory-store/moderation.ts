/** Status changes and deletes, conditioned on the version read. */
import type { Comment } from '../../../lambda/domain/comment';
import type { Erasure, StatusChange } from '../../../lambda/domain/ports/store-records';
import type { ModerationStore } from '../../../lambda/domain/ports/moderation-store';
import { copy, erasureEntry, type MemoryTables } from './tables';

export function memoryModerationStore(t: MemoryTables): ModerationStore {
  return {
    async changeStatus(change: StatusChange): Promise<Comment> {
      const { comment, contact, to } = change;
      const stored = t.storedAt(comment);
      // The purge time moves with the private data, which must still be there (as the DynamoDB store's conditions require).
      const expiryMayChange = change.expiresAt !== null || comment.status === 'spam' || comment.status === 'rejected';
      if (contact && expiryMayChange && !t.privateDataExists(contact)) throw t.conflict(comment.id);

      // Approving clears the readers' reports.
      const { reports: _reports, reportedAt: _reportedAt, ...unreported } = comment;
      const { reports: _storedReports, reportedAt: _storedAt, ...storedUnreported } = stored;
      const approving = to === 'approved';
      const next: Comment = { ...(approving ? unreported : comment), status: to, version: comment.version + 1, updatedAt: change.at };
      t.comments.set(comment.id, { ...(approving ? storedUnreported : stored), status: to, version: next.version, updatedAt: change.at });
      t.addHistory(comment.id, next.version, {
        at: change.at,
        actor: change.actor,
        from: comment.status,
        to,
        reason: change.reason,
        rule: null,
      });
      if (contact) t.count(contact.emailHash, comment.status, to);
      t.countPublishedChange(comment.articleId, comment.status, to);
      return copy(next);
    },

    async deleteComment(change: Erasure): Promise<void> {
      const { comment, contact } = change;
      t.storedAt(comment);
      t.comments.delete(comment.id);
      t.countPublishedChange(comment.articleId, comment.status, null);
      t.addHistory(comment.id, comment.version + 1, erasureEntry(change, 'deleted'));
      if (contact) {
        t.deletePrivateData(contact);
        t.count(contact.emailHash, comment.status, null);
      }
    },
  };
}
