/**
 * The storage port: what the domain needs from a database, in domain terms.
 * The DynamoDB adapter implements it (lambda/adapters/dynamodb/).
 */
import type { Comment, CommentStatus, Contact, HistoryEntry, ModeratorComment, PublicComment } from '../domain/comment';
import type { AuthorRecord } from '../domain/policy';
import type { ArticleSettings, SiteSettings } from '../domain/settings';

export interface Page<T> {
  items: T[];
  /** Sort position of the last item when more may follow; undefined on the last page. */
  last?: string;
}

export interface NewCommentRecord {
  comment: Comment;
  contact: Contact;
  history: HistoryEntry;
  /** Keys of flood locks to take; each must be free (expired) for the write to succeed. */
  floodKeys: string[];
  floodUntilMs: number;
  /** Set when this is the article's first comment (for closeAfterDays). */
  firstCommentOfArticle: boolean;
}

export interface StatusChange {
  comment: Comment;
  emailHash: string | null;
  to: CommentStatus;
  at: string;
  actor: string;
  reason: string | null;
}

export interface CommentStore {
  getSettings(): Promise<SiteSettings>;
  getArticle(articleId: string): Promise<ArticleSettings | undefined>;
  getAuthorRecord(emailHash: string): Promise<AuthorRecord>;
  /** Stores new settings if the stored ones are still at `expectedVersion`; otherwise throws VersionConflict. */
  putSettings(settings: SiteSettings, expectedVersion: number): Promise<void>;
  putArticle(article: ArticleSettings): Promise<void>;

  /**
   * Stores a new comment with its private data, atomically with its guards.
   * Throws DomainError Duplicate when a duplicate lock is taken, TooManyRequests
   * when a flood lock is held, and CommentIdTaken when the id already exists.
   */
  insertComment(record: NewCommentRecord): Promise<void>;

  getComment(id: string): Promise<Comment | undefined>;
  getContact(id: string): Promise<Contact | undefined>;

  listPublished(articleId: string, limit: number, after?: string): Promise<Page<PublicComment>>;
  listByStatus(query: { status: CommentStatus; articleId?: string; limit: number; after?: string; newestFirst: boolean }): Promise<Page<ModeratorComment>>;

  /** Applies the change only if the comment is still at `change.comment.version`; otherwise throws VersionConflict. */
  changeStatus(change: StatusChange): Promise<Comment>;
  /** Erases the comment and its private data, keeping (and extending) its history. */
  deleteComment(change: { comment: Comment; contact: Contact | undefined; at: string; actor: string }): Promise<void>;

  getHistory(id: string): Promise<HistoryEntry[]>;
}

/** Thrown by insertComment when the id is already stored (an idempotent retry). */
export class CommentIdTaken extends Error {
  constructor(readonly id: string) {
    super(`comment ${id} already exists`);
  }
}
