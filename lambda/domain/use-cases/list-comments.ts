/** The lists: published comments of an article, the moderators' lists by status and by email. Pages carry signed cursors. */
import type { CommentLists } from '../ports/comment-lists';
import type { ReportStore } from '../ports/report-store';
import type { CommentStatus, ModeratorComment, PublicComment } from '../comment';
import type { CursorCodec } from '../cursor';
import { normaliseEmail } from '../email';
import { badRequest } from '../errors';
import type { KeyedHasher } from '../keyed-hash';
import { commentsAreOpen, defaultArticle } from '../settings';
import type { ArticleCache } from './article-cache';
import { required, type SettingsCache } from './deps';

export interface Page<T> {
  comments: T[];
  nextCursor: string | null;
}

export interface PublishedPage extends Page<PublicComment> {
  commentsOpen: boolean;
}

export class ListComments {
  constructor(
    private readonly store: CommentLists & Pick<ReportStore, 'listReported'>,
    private readonly cursors: CursorCodec | undefined,
    private readonly settings: SettingsCache,
    private readonly articles: ArticleCache,
    private readonly now: () => Date,
    private readonly hasher: KeyedHasher | undefined,
  ) {}

  /**
   * A page of an article's published comments, and whether it still takes
   * comments (closed by hand or by closeAfterDays), so the page can show the
   * form or "Comments are closed.". The article and settings come from the
   * function's caches (settingsCacheMs): a warm function reads only the page;
   * when it must read them, they are read alongside the page, not after it.
   */
  async listPublished(articleId: string, query: { limit: number; cursor?: string }): Promise<PublishedPage> {
    const scope = `published:${articleId}`;
    const after = this.decodeCursor(scope, query.cursor);
    const [page, settings, article] = await Promise.all([
      this.store.listPublished(articleId, query.limit, after),
      this.settings.current(),
      this.articles.current(articleId),
    ]);
    return {
      comments: page.items,
      nextCursor: this.encodeCursor(scope, page.last),
      commentsOpen: commentsAreOpen(settings, article ?? defaultArticle(articleId), this.now()),
    };
  }

  /** Pending is the queue, oldest first; the other statuses newest first; byRisk: highest classifier score first; 'reported' most recently reported first. */
  async listForModeration(query: {
    status: CommentStatus | 'reported';
    limit: number;
    cursor?: string;
    articleId?: string;
    byRisk?: boolean;
  }): Promise<Page<ModeratorComment>> {
    const { status, limit } = query;
    const articleId = query.articleId || undefined;
    const byRisk = query.byRisk === true;
    if (byRisk && articleId) throw badRequest('sort=risk orders the whole list; leave out articleId.');
    if (byRisk && status === 'reported')
      throw badRequest('sort=risk orders a status list; the reported list is ordered by its latest report.');
    const scope = `status:${status}:${status === 'reported' ? '*' : (articleId ?? '*')}${byRisk ? ':risk' : ''}`;
    const after = this.decodeCursor(scope, query.cursor);
    // The Reported list spans articles (it is one index partition); articleId does not narrow it.
    const page =
      status === 'reported'
        ? await this.store.listReported(limit, after)
        : await this.store.listByStatus({ status, articleId, limit, after, newestFirst: status !== 'pending', byRisk });
    return { comments: page.items, nextCursor: this.encodeCursor(scope, page.last) };
  }

  /** Every comment of one email, newest first, found by its keyed hash on the email index (the caller checks the address). */
  async listByEmail(query: { email: string; limit: number; cursor?: string }): Promise<Page<ModeratorComment>> {
    const emailHash = required(this.hasher, 'hasher').hash('email', normaliseEmail(query.email));
    // The cursor is bound to the hash, never to the address: a cursor carries no email.
    const scope = `email:${emailHash}`;
    const after = this.decodeCursor(scope, query.cursor);
    const page = await this.store.listByEmailHash(emailHash, query.limit, after);
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
