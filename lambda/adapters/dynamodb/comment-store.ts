/**
 * CommentStore on DynamoDB. Every read is a GetItem, a BatchGetItem of a
 * page's keys, or a Query bounded by the page size; every state change is
 * one transaction with conditions, so concurrent writers cannot lose updates.
 *
 * The work is split by use case; this class only binds them to one client:
 *   submission.ts      a new comment with its guards (one tagged transaction)
 *   moderation.ts      status changes, delete, anonymise (version-conditioned)
 *   comment-reads.ts   comments by id, the public and moderators' lists (by status, by email), the queue's oldest, history
 *   private-data.ts    contacts, the email index, privacy erasure
 *   site-settings.ts   site and article settings
 *   author-stats.ts    the per-email counts auto-approve reads and moderators see
 *   subscriptions.ts   reply-notification subscribers and the mail guards
 *   reports.ts         readers' reports and the Reported list
 *   bans.ts            bans and the markers that find them
 *   published-counts.ts  the per-article count of published comments
 * with items.ts (key layout), schema.ts (tables and indexes) and
 * transaction.ts (tagged transactions, decoded by tag).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Comment, Contact, HistoryEntry, ModeratorComment, PublicComment } from '../../domain/comment';
import type { AuthorRecord } from '../../domain/policy';
import type { ReplyMailClaim, Subscriber, SubscriberState } from '../../domain/reply-notifications/subscriber';
import type { ArticleSettings, SiteSettings } from '../../domain/settings';
import type { StoredBan } from '../../domain/bans';
import type {
  CommentStore,
  ContactRef,
  Erasure,
  NewCommentRecord,
  NewReport,
  Page,
  ReplyMailRequest,
  ReportOutcome,
  StatusChange,
  StatusQuery,
} from '../../domain/ports/comment-store';
import { deleteBan, findBans, getBan, listBans, putBan } from './bans';
import { getAuthorRecord } from './author-stats';
import { getComment, getComments, getHistory, listByEmailHash, listByStatus, listPublished, oldestPendingAt } from './comment-reads';
import type { StoreContext, TableNames } from './context';
import { anonymiseComment, changeStatus, deleteComment } from './moderation';
import { deleteContact, forgetAuthor, getContact, listContactsByEmailHash } from './private-data';
import { listReported, reportComment } from './reports';
import { addPublished, countPublished } from './published-counts';
import { getArticle, getSettings, putArticle, putSettings } from './site-settings';
import { insertComment, insertCommentsTogether } from './submission';
import {
  claimConfirmation,
  claimReplyMail,
  getSubscriber,
  releaseConfirmation,
  releaseReplyMail,
  setSubscriberState,
} from './subscriptions';

export type { TableNames } from './context';

export class DynamoDbCommentStore implements CommentStore {
  private readonly ctx: StoreContext;

  constructor(db: DynamoDBDocumentClient, tables: TableNames) {
    this.ctx = { db, tables };
  }

  // Settings and articles
  getSettings(): Promise<SiteSettings> {
    return getSettings(this.ctx);
  }
  putSettings(settings: SiteSettings, expectedVersion: number): Promise<void> {
    return putSettings(this.ctx, settings, expectedVersion);
  }
  getArticle(articleId: string): Promise<ArticleSettings | undefined> {
    return getArticle(this.ctx, articleId);
  }
  putArticle(article: ArticleSettings): Promise<void> {
    return putArticle(this.ctx, article);
  }

  // Submission
  insertComment(record: NewCommentRecord): Promise<void> {
    return insertComment(this.ctx, record);
  }
  insertCommentsTogether(records: readonly NewCommentRecord[]): Promise<boolean> {
    return insertCommentsTogether(this.ctx, records);
  }
  getAuthorRecord(emailHash: string): Promise<AuthorRecord> {
    return getAuthorRecord(this.ctx, emailHash);
  }

  // Reads
  getComment(id: string): Promise<Comment | undefined> {
    return getComment(this.ctx, id);
  }
  getComments(ids: readonly string[]): Promise<Map<string, Comment>> {
    return getComments(this.ctx, ids);
  }
  listPublished(articleId: string, limit: number, after?: string): Promise<Page<PublicComment>> {
    return listPublished(this.ctx, articleId, limit, after);
  }
  countPublished(articleIds: readonly string[]): Promise<Map<string, number>> {
    return countPublished(this.ctx, articleIds);
  }
  addPublished(articleId: string, delta: number): Promise<void> {
    return addPublished(this.ctx, this.ctx.tables.comments, articleId, delta);
  }
  listByStatus(query: StatusQuery): Promise<Page<ModeratorComment>> {
    return listByStatus(this.ctx, query);
  }
  listByEmailHash(emailHash: string, limit: number, after?: string): Promise<Page<ModeratorComment>> {
    return listByEmailHash(this.ctx, emailHash, limit, after);
  }
  oldestPendingAt(): Promise<string | null> {
    return oldestPendingAt(this.ctx);
  }
  getHistory(id: string): Promise<HistoryEntry[]> {
    return getHistory(this.ctx, id);
  }

  // Moderation
  changeStatus(change: StatusChange): Promise<Comment> {
    return changeStatus(this.ctx, change);
  }
  deleteComment(change: Erasure): Promise<void> {
    return deleteComment(this.ctx, change);
  }
  anonymiseComment(change: Erasure): Promise<Comment> {
    return anonymiseComment(this.ctx, change);
  }

  // Private data and privacy
  getContact(id: string): Promise<Contact | undefined> {
    return getContact(this.ctx, id);
  }
  listContactsByEmailHash(emailHash: string, limit: number, after?: string, since?: string): Promise<Page<ContactRef>> {
    return listContactsByEmailHash(this.ctx, emailHash, limit, after, since);
  }
  deleteContact(contact: Contact): Promise<void> {
    return deleteContact(this.ctx, contact);
  }
  forgetAuthor(emailHash: string, guardKeys: readonly string[]): Promise<void> {
    return forgetAuthor(this.ctx, emailHash, guardKeys);
  }

  // Reply notifications
  getSubscriber(emailHash: string): Promise<Subscriber | undefined> {
    return getSubscriber(this.ctx, emailHash);
  }
  claimConfirmation(emailHash: string, at: string, notBefore: string): Promise<boolean> {
    return claimConfirmation(this.ctx, emailHash, at, notBefore);
  }
  setSubscriberState(emailHash: string, from: readonly (SubscriberState | 'absent')[], to: SubscriberState, at: string): Promise<boolean> {
    return setSubscriberState(this.ctx, emailHash, from, to, at);
  }
  claimReplyMail(claim: ReplyMailRequest): Promise<ReplyMailClaim> {
    return claimReplyMail(this.ctx, claim);
  }

  releaseConfirmation(emailHash: string, at: string): Promise<void> {
    return releaseConfirmation(this.ctx, emailHash, at);
  }

  releaseReplyMail(claim: ReplyMailRequest): Promise<void> {
    return releaseReplyMail(this.ctx, claim);
  }

  // Readers' reports
  reportComment(report: NewReport): Promise<ReportOutcome> {
    return reportComment(this.ctx, report);
  }
  listReported(limit: number, after?: string): Promise<Page<ModeratorComment>> {
    return listReported(this.ctx, limit, after);
  }

  // Bans
  putBan(ban: StoredBan): Promise<void> {
    return putBan(this.ctx, ban);
  }
  getBan(id: string): Promise<StoredBan | undefined> {
    return getBan(this.ctx, id);
  }
  listBans(): Promise<StoredBan[]> {
    return listBans(this.ctx);
  }
  findBans(subjects: { emailHash: string | null; addressHash: string | null }): Promise<StoredBan[]> {
    return findBans(this.ctx, subjects);
  }
  deleteBan(ban: StoredBan): Promise<void> {
    return deleteBan(this.ctx, ban);
  }
}
