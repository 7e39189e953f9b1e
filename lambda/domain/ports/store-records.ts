/**
 * The records the storage ports take and give: shared by the ports in this
 * folder, the DynamoDB adapter (lambda/adapters/dynamodb/) and the in-memory
 * store the tests use.
 */
import type { Comment, CommentStatus, Contact, HistoryEntry, Reason } from '../comment';
import type { ReportReason, ReportSummary } from '../reports';

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
  /** The flood window; a lock is free again once its comment is this old. */
  floodMs: number;
  /** Purge time (epoch seconds) when the comment is stored as spam, else null. */
  expiresAt: number | null;
  /** Set when this is the article's first comment (for closeAfterDays). */
  firstCommentOfArticle: boolean;
  /**
   * The caller adds to the article's published counter itself, with addPublished (the
   * importer, once per article per batch: the counter would serialise its writes).
   */
  publishedCountLater?: boolean;
}

export interface StatusChange {
  comment: Comment;
  /** The comment's private data, when it still has any (its counts and purge time follow the status). */
  contact: Contact | undefined;
  to: CommentStatus;
  at: string;
  actor: string;
  reason: string | null;
  /** Purge time (epoch seconds) in the new status, or null to keep it. */
  expiresAt: number | null;
}

/** Why and by whom a comment is deleted or anonymised (recorded in its history). */
export interface Erasure {
  comment: Comment;
  contact: Contact | undefined;
  at: string;
  actor: string;
  reason?: string | null;
  rule?: string | null;
}

/** A comment's private data as found through the email index. */
export interface ContactRef {
  contact: Contact;
  createdAt: string;
}

/** One status's comments, optionally of one article; oldest first unless `newestFirst`. */
export interface StatusQuery {
  status: CommentStatus;
  articleId?: string;
  limit: number;
  /** The sort position to continue after (a page's `last`). */
  after?: string;
  newestFirst: boolean;
  /** Highest classifier score first (ties newest first); only without articleId. */
  byRisk?: boolean;
}

/** One reader's report of a published comment, as the report use case hands it over. */
export interface NewReport {
  /** The comment as read: published, at its version, with its reports so far. */
  comment: Comment;
  /** Keyed hash of the reader's address and this comment: one report counts per reader. */
  reporterKey: string;
  reason: ReportReason;
  at: string;
  /** The comment's reports with this one. */
  reports: ReportSummary;
  /** Set when this report reaches the threshold: the comment goes back to pending, with this reason, by `system`. */
  unpublish: { reason: Reason; contact: Contact | undefined } | null;
  /** The reader's flood lock (per address), or null when flood control is off or the address unknown. */
  floodKey: string | null;
  floodMs: number;
  /** When the reader's report marker is purged (epoch seconds). */
  markerExpiresAt: number;
}

/** 'repeat': this reader had reported the comment already; nothing was counted. */
export type ReportOutcome = 'counted' | 'repeat';

export interface ReplyMailRequest {
  replyId: string;
  emailHash: string;
  /** The UTC day counted against, e.g. "2030-03-01". */
  day: string;
  limit: number;
  /** When the count and the per-reply mark may be purged (epoch seconds). */
  expiresAt: number;
}

/** Thrown by insertComment when the id is already stored (an idempotent retry). */
export class CommentIdTaken extends Error {
  constructor(readonly id: string) {
    super(`comment ${id} already exists`);
  }
}
