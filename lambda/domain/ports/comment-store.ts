/**
 * The storage port: what the domain needs from a database, in domain terms.
 * The DynamoDB adapter implements it (lambda/adapters/dynamodb/); so does an
 * in-memory store for tests (tests/support/memory-store.ts), and one contract
 * suite (tests/support/store-contract.ts) holds both to the same behaviour.
 */
import type { BanSubjects, StoredBan } from '../bans';
import type { Comment, CommentStatus, Contact, HistoryEntry, ModeratorComment, PublicComment, Reason } from '../comment';
import type { ReportReason, ReportSummary } from '../reports';
import type { AuthorRecord } from '../policy';
import type { ReplyMailClaim, Subscriber, SubscriberState } from '../reply-notifications/subscriber';
import type { ArticleSettings, SiteSettings } from '../settings';

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

/** Readers' reports: counted on the comment in one conditional transaction. */
export interface ReportStore {
  /**
   * Counts the report and, when it reaches the threshold, unpublishes the comment, all at once.
   * Throws VersionConflict when the comment changed since it was read (read it again and retry),
   * TooManyRequests when the reader's flood lock is held.
   */
  reportComment(report: NewReport): Promise<ReportOutcome>;
  /** Comments with reports since their last approval, most recently reported first. */
  listReported(limit: number, after?: string): Promise<Page<ModeratorComment>>;
}

/** Bans, kept with the keyed hashes they bar. */
export interface BanStore {
  putBan(ban: StoredBan): Promise<void>;
  getBan(id: string): Promise<StoredBan | undefined>;
  /** Every stored ban, newest first (ended ones may linger until their purge). */
  listBans(): Promise<StoredBan[]>;
  /** Bans naming the email hash or the address hash (ended ones included; the caller checks). */
  findBans(subjects: { emailHash: string | null; addressHash: BanSubjects['addressHash'] }): Promise<StoredBan[]>;
  /** Removes the ban and everything that finds it. */
  deleteBan(ban: StoredBan): Promise<void>;
}

export interface CommentStore extends ReportStore, BanStore {
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
  /**
   * Stores several new comments as one, all or none (at most 12; no two may share an
   * author, a guard or an article's first comment). False when any would fail: nothing
   * is stored, and the caller stores them one by one to learn which and why.
   */
  insertCommentsTogether(records: readonly NewCommentRecord[]): Promise<boolean>;

  getComment(id: string): Promise<Comment | undefined>;
  getContact(id: string): Promise<Contact | undefined>;

  listPublished(articleId: string, limit: number, after?: string): Promise<Page<PublicComment>>;
  /**
   * Published comments per article, from one counter per article that every
   * write moving a comment into or out of `approved` adjusts in its own
   * transaction (never by reading the comments). An unknown article counts 0.
   */
  countPublished(articleIds: readonly string[]): Promise<Map<string, number>>;
  /** Adds to an article's published counter (for inserts made with publishedCountLater). */
  addPublished(articleId: string, delta: number): Promise<void>;
  /** Each comment with its email and that email's record (approved / rejected / spam counts). */
  listByStatus(query: StatusQuery): Promise<Page<ModeratorComment>>;
  /** Every stored comment of one email hash, newest first, with the email's record: the email index, never a scan. */
  listByEmailHash(emailHash: string, limit: number, after?: string): Promise<Page<ModeratorComment>>;
  /** When the oldest pending comment was submitted (ISO time), or null when the queue is empty: one item read. */
  oldestPendingAt(): Promise<string | null>;

  /** Applies the change only if the comment is still at `change.comment.version`; otherwise throws VersionConflict. */
  changeStatus(change: StatusChange): Promise<Comment>;
  /** Erases the comment and its private data, keeping (and extending) its history. */
  deleteComment(change: Erasure): Promise<void>;
  /** Keeps the text; author "Anonymous", no website, private data and guards gone; a history entry. VersionConflict when it changed meanwhile. */
  anonymiseComment(change: Erasure): Promise<Comment>;

  getHistory(id: string): Promise<HistoryEntry[]>;

  /** One page (at most `limit`) of the private data stored under an email hash, oldest first; `since` (ISO time) skips older comments. */
  listContactsByEmailHash(emailHash: string, limit: number, after?: string, since?: string): Promise<Page<ContactRef>>;
  getComments(ids: readonly string[]): Promise<Map<string, Comment>>;
  /** Deletes private data whose comment is gone already (purged by TTL first), with its guards. */
  deleteContact(contact: Contact): Promise<void>;
  /** Removes what is left of an email once its comments are erased: its counts, its subscriber record and the given guard items. */
  forgetAuthor(emailHash: string, guardKeys: readonly string[]): Promise<void>;

  // Reply notifications (the subscriber is keyed by the email hash; its comments ask with contact.notifyReplies)
  getSubscriber(emailHash: string): Promise<Subscriber | undefined>;
  /**
   * Records a confirmation mail as sent at `at`, unless the address is confirmed or
   * suppressed, or one was sent after `notBefore`. True when the caller should send it.
   */
  claimConfirmation(emailHash: string, at: string, notBefore: string): Promise<boolean>;
  /** Moves the subscriber to `to` when its state is one of `from` ('absent': no record yet, created). True when changed. */
  setSubscriberState(emailHash: string, from: readonly (SubscriberState | 'absent')[], to: SubscriberState, at: string): Promise<boolean>;
  /** Takes one of a confirmed address's mails of `day` for one reply, atomically with the check that no mail went for it yet. */
  claimReplyMail(claim: ReplyMailRequest): Promise<ReplyMailClaim>;
  /** Gives back a claimed confirmation whose mail was not accepted for sending (the one claimed at `at`), so a retry may send it. */
  releaseConfirmation(emailHash: string, at: string): Promise<void>;
  /** Gives back a claimed reply mail (its mark and one of the day's count) when the mail was not accepted for sending. */
  releaseReplyMail(claim: ReplyMailRequest): Promise<void>;
}

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
