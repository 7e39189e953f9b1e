/** New comments, all conditions checked before anything is stored. */
import { duplicateComment, tooManyRequests } from '../../../lambda/domain/errors';
import { CommentIdTaken, type NewCommentRecord } from '../../../lambda/domain/ports/store-records';
import type { SubmissionStore } from '../../../lambda/domain/ports/submission-store';
import { type Guard, copy, type MemoryTables } from './tables';

export function memorySubmissionStore(t: MemoryTables): SubmissionStore {
  // Calls within the port go through `this`, so a test that replaces one method on the store sees it used.
  return {
    async insertComment(record: NewCommentRecord): Promise<void> {
      const { comment, contact } = record;
      const nowMs = Date.parse(comment.createdAt);
      // Every condition first, in the order the DynamoDB store decodes them.
      if (t.comments.has(comment.id)) throw new CommentIdTaken(comment.id);
      if (contact.guardKeys.some((key) => t.guards.has(key))) throw duplicateComment();
      const held = record.floodKeys
        .map((key) => t.guards.get(key))
        .filter((guard): guard is Guard => guard !== undefined && !('lastAtMs' in guard && guard.lastAtMs <= nowMs - record.floodMs));
      if (held.length > 0) {
        const lastAt = Math.max(...held.map((guard) => ('lastAtMs' in guard ? guard.lastAtMs : nowMs)));
        throw tooManyRequests((lastAt + record.floodMs - nowMs) / 1000);
      }

      t.comments.set(comment.id, copy(comment));
      t.addHistory(comment.id, comment.version, record.history);
      t.contacts.set(contact.commentId, { contact: copy(contact), createdAt: comment.createdAt });
      for (const key of contact.guardKeys) t.guards.set(key, { commentId: comment.id });
      for (const key of record.floodKeys) t.guards.set(key, { lastAtMs: nowMs });
      t.count(contact.emailHash, null, comment.status);
      if (!record.publishedCountLater) t.countPublishedChange(comment.articleId, null, comment.status);
      if (record.firstCommentOfArticle) {
        const article = t.articles.get(comment.articleId) ?? {};
        t.articles.set(comment.articleId, { ...article, firstCommentAt: article.firstCommentAt ?? comment.createdAt });
      }
    },

    async insertCommentsTogether(records: readonly NewCommentRecord[]): Promise<boolean> {
      // All or none, as one DynamoDB transaction: every condition is checked before anything is stored.
      const fails = (record: NewCommentRecord) =>
        t.comments.has(record.comment.id) || record.contact.guardKeys.some((key) => t.guards.has(key)) || record.floodKeys.length > 0;
      if (records.some(fails)) return false;
      for (const record of records) await this.insertComment(record);
      return true;
    },

    async addPublished(articleId: string, delta: number): Promise<void> {
      t.publishedCounts.set(articleId, (t.publishedCounts.get(articleId) ?? 0) + delta);
    },
  };
}
