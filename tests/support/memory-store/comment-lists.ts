/** The lists, paged as the DynamoDB store's queries page, and the counts. */
import type { Comment, ModeratorComment, PublicComment } from '../../../lambda/domain/comment';
import { toPublicComment } from '../../../lambda/domain/comment';
import type { Page, StatusQuery } from '../../../lambda/domain/ports/store-records';
import type { CommentLists } from '../../../lambda/domain/ports/comment-lists';
import { copy, positionOf, riskPosition, pageOf, type MemoryTables } from './tables';

export function memoryCommentLists(t: MemoryTables): CommentLists {
  return {
    async listPublished(articleId: string, limit: number, after?: string): Promise<Page<PublicComment>> {
      const approved = [...t.comments.values()].filter((c) => c.articleId === articleId && c.status === 'approved');
      return pageOf(
        approved,
        (c) => positionOf(c.createdAt, c.id),
        { limit, after, newestFirst: false },
        (c) => toPublicComment(copy(c)),
      );
    },

    async countPublished(articleIds: readonly string[]): Promise<Map<string, number>> {
      return new Map(articleIds.map((id) => [id, t.publishedCounts.get(id) ?? 0]));
    },

    async listByStatus(query: StatusQuery): Promise<Page<ModeratorComment>> {
      const matching = [...t.comments.values()].filter(
        (c) => c.status === query.status && (query.articleId === undefined || c.articleId === query.articleId),
      );
      if (query.byRisk) {
        return pageOf(matching, riskPosition, { ...query, newestFirst: true }, (c) => t.moderatorView(c));
      }
      return pageOf(
        matching,
        (c) => positionOf(c.createdAt, c.id),
        query,
        (c) => t.moderatorView(c),
      );
    },

    async listByEmailHash(emailHash: string, limit: number, after?: string): Promise<Page<ModeratorComment>> {
      const contacts = [...t.contacts.values()].filter((stored) => stored.contact.emailHash === emailHash);
      const page = pageOf(
        contacts,
        (stored) => positionOf(stored.createdAt, stored.contact.commentId),
        { limit, after, newestFirst: true },
        (stored) => t.comments.get(stored.contact.commentId),
      );
      // As on DynamoDB: the page is of contacts; one whose comment is gone is left out.
      const items = page.items.filter((c): c is Comment => c !== undefined).map((c) => t.moderatorView(c));
      return { items, last: page.last };
    },

    async oldestPendingAt(): Promise<string | null> {
      const pending = [...t.comments.values()].filter((c) => c.status === 'pending');
      const oldest = pageOf(
        pending,
        (c) => positionOf(c.createdAt, c.id),
        { limit: 1, newestFirst: false },
        (c) => c.createdAt,
      );
      return oldest.items[0] ?? null;
    },
  };
}
