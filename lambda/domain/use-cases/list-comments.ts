/** The two lists: published comments of an article, and the moderators' lists by status. Pages carry signed cursors. */
import type { CommentStore } from '../../ports/comment-store';
import type { CommentStatus, ModeratorComment, PublicComment } from '../comment';
import type { CursorCodec } from '../cursor';
import { badRequest } from '../errors';
import { required } from './deps';

export interface Page<T> {
  comments: T[];
  nextCursor: string | null;
}

export class ListComments {
  constructor(
    private readonly store: CommentStore,
    private readonly cursors: CursorCodec | undefined,
  ) {}

  async listPublished(articleId: string, query: { limit: number; cursor?: string }): Promise<Page<PublicComment>> {
    const scope = `published:${articleId}`;
    const after = this.decodeCursor(scope, query.cursor);
    const page = await this.store.listPublished(articleId, query.limit, after);
    return { comments: page.items, nextCursor: this.encodeCursor(scope, page.last) };
  }

  /** Pending is the queue, oldest first; the other statuses newest first. */
  async listForModeration(query: {
    status: CommentStatus;
    limit: number;
    cursor?: string;
    articleId?: string;
  }): Promise<Page<ModeratorComment>> {
    const { status, limit } = query;
    const articleId = query.articleId || undefined;
    const scope = `status:${status}:${articleId ?? '*'}`;
    const after = this.decodeCursor(scope, query.cursor);
    const page = await this.store.listByStatus({ status, articleId, limit, after, newestFirst: status !== 'pending' });
    return { comments: page.items, nextCursor: this.encodeCursor(scope, page.last) };
  }

  private encodeCursor(scope: string, last: string | undefined | null): string | null {
    return last ? required(this.cursors, 'cursors').encode(scope, last) : null;
  }

  private decodeCursor(scope: string, cursor: string | undefined): string | undefined {
    if (cursor === undefined || cursor === '') return undefined;
    const position = required(this.cursors, 'cursors').decode(scope, cursor);
    if (position === null) throw badRequest('The cursor is not valid for this list. Start again without it.');
    return position;
  }
}
