/**
 * Every storage port in memory, as one object, for service tests that need no database. It is
 * faithful where a caller can tell: a failed condition raises the same error
 * as the DynamoDB store (CommentIdTaken, Duplicate, TooManyRequests with the
 * seconds left, VersionConflict with the current version, NotFound), every
 * write checks all its conditions before it changes anything (no await in
 * between, so it is all-or-nothing), and lists page the same way: oldest or
 * newest first by (createdAt, id), continuing strictly after a position even
 * when the comment there has since moved or gone. Values go in and come out
 * as copies, with undefined fields dropped, as through the document client.
 *
 * Not modelled: TTL expiry (of comments, report markers and bans) (DynamoDB Local does not expire items either) and
 * outages. tests/support/store-contract.ts holds it and the DynamoDB store
 * to the same behaviour.
 */
import type { Comment, CommentStatus, Contact, HistoryEntry, ModeratorComment, PublicComment } from '../../lambda/domain/comment';
import { riskOf, toModeratorComment, toPublicComment } from '../../lambda/domain/comment';
import { duplicateComment, notFound, tooManyRequests, versionConflict } from '../../lambda/domain/errors';
import type { StoredBan } from '../../lambda/domain/bans';
import type { AuthorRecord } from '../../lambda/domain/policy';
import {
  mailQuotaKey,
  type ReplyMailClaim,
  replyMailKey,
  type Subscriber,
  type SubscriberState,
} from '../../lambda/domain/reply-notifications/subscriber';
import { type ArticleSettings, type SiteSettings, withDefaults } from '../../lambda/domain/settings';
import {
  CommentIdTaken,
  type ContactRef,
  type Erasure,
  type NewCommentRecord,
  type NewReport,
  type Page,
  type ReplyMailRequest,
  type ReportOutcome,
  type StatusChange,
  type StatusQuery,
} from '../../lambda/domain/ports/store-records';
import type { AuthorStore } from '../../lambda/domain/ports/author-store';
import type { BanStore } from '../../lambda/domain/ports/ban-store';
import type { CommentLists } from '../../lambda/domain/ports/comment-lists';
import type { CommentReads } from '../../lambda/domain/ports/comment-reads';
import type { ModerationStore } from '../../lambda/domain/ports/moderation-store';
import type { PrivacyStore } from '../../lambda/domain/ports/privacy-store';
import type { ReportStore } from '../../lambda/domain/ports/report-store';
import type { SettingsStore } from '../../lambda/domain/ports/settings-store';
import type { SubmissionStore } from '../../lambda/domain/ports/submission-store';
import type { SubscriberStore } from '../../lambda/domain/ports/subscriber-store';

/** A duplicate lock names its comment; a flood lock, when it was taken. */
type Guard = { commentId: string } | { lastAtMs: number };

interface StoredContact {
  contact: Contact;
  createdAt: string;
}

const COUNTED = new Set<CommentStatus>(['approved', 'rejected', 'spam']);
const ANONYMOUS = 'Anonymous';

/** Through JSON, as a database round trip: a copy, without undefined fields. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** DynamoDB orders string sort keys by their UTF-8 bytes. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const positionOf = (createdAt: string, id: string) => `${createdAt}#${id}`;
const riskPosition = (c: Comment) => `${riskOf(c.reasons).toFixed(3)}#${positionOf(c.createdAt, c.id)}`;

export class InMemoryCommentStore
  implements
    SettingsStore,
    SubmissionStore,
    AuthorStore,
    CommentReads,
    CommentLists,
    ModerationStore,
    PrivacyStore,
    SubscriberStore,
    ReportStore,
    BanStore
{
  private settings: SiteSettings | undefined;
  private readonly articles = new Map<string, Partial<ArticleSettings>>();
  private readonly comments = new Map<string, Comment>();
  private readonly contacts = new Map<string, StoredContact>();
  /** Per comment: history entries by (at, version); they outlive the comment. */
  private readonly histories = new Map<string, Map<string, { version: number; entry: HistoryEntry }>>();
  private readonly guards = new Map<string, Guard>();
  private readonly authors = new Map<string, AuthorRecord>();
  private readonly subscribers = new Map<string, Subscriber>();
  /** Reply-mail guards: one per reply and address, and the daily counts. */
  private readonly mailMarks = new Map<string, number>();
  /** Readers' report markers: `<commentId>#<reporterKey>`. */
  private readonly reportMarkers = new Set<string>();
  private readonly bans = new Map<string, StoredBan>();
  /** Per article: its published comments, kept by every write as the DynamoDB store's counter items are. */
  private readonly publishedCounts = new Map<string, number>();

  async getSettings(): Promise<SiteSettings> {
    return copy(withDefaults(this.settings ?? {}));
  }

  async putSettings(settings: SiteSettings, expectedVersion: number): Promise<void> {
    const matches = this.settings ? this.settings.version === expectedVersion : expectedVersion === 0;
    if (!matches) throw versionConflict((await this.getSettings()).version);
    this.settings = copy(settings);
  }

  async getArticle(articleId: string): Promise<ArticleSettings | undefined> {
    const stored = this.articles.get(articleId);
    if (!stored) return undefined;
    return {
      articleId,
      commentsOpen: stored.commentsOpen ?? true,
      publishedAt: stored.publishedAt ?? null,
      premoderation: stored.premoderation ?? null,
      firstCommentAt: stored.firstCommentAt ?? null,
    };
  }

  /** Keeps firstCommentAt, as the DynamoDB store does. */
  async putArticle(article: ArticleSettings): Promise<void> {
    const { commentsOpen, publishedAt, premoderation } = copy(article);
    this.articles.set(article.articleId, { ...this.articles.get(article.articleId), commentsOpen, publishedAt, premoderation });
  }

  async getAuthorRecord(emailHash: string): Promise<AuthorRecord> {
    return { approved: 0, rejected: 0, spam: 0, ...this.authors.get(emailHash) };
  }

  async insertComment(record: NewCommentRecord): Promise<void> {
    const { comment, contact } = record;
    const nowMs = Date.parse(comment.createdAt);
    // Every condition first, in the order the DynamoDB store decodes them.
    if (this.comments.has(comment.id)) throw new CommentIdTaken(comment.id);
    if (contact.guardKeys.some((key) => this.guards.has(key))) throw duplicateComment();
    const held = record.floodKeys
      .map((key) => this.guards.get(key))
      .filter((guard): guard is Guard => guard !== undefined && !('lastAtMs' in guard && guard.lastAtMs <= nowMs - record.floodMs));
    if (held.length > 0) {
      const lastAt = Math.max(...held.map((guard) => ('lastAtMs' in guard ? guard.lastAtMs : nowMs)));
      throw tooManyRequests((lastAt + record.floodMs - nowMs) / 1000);
    }

    this.comments.set(comment.id, copy(comment));
    this.addHistory(comment.id, comment.version, record.history);
    this.contacts.set(contact.commentId, { contact: copy(contact), createdAt: comment.createdAt });
    for (const key of contact.guardKeys) this.guards.set(key, { commentId: comment.id });
    for (const key of record.floodKeys) this.guards.set(key, { lastAtMs: nowMs });
    this.count(contact.emailHash, null, comment.status);
    if (!record.publishedCountLater) this.countPublishedChange(comment.articleId, null, comment.status);
    if (record.firstCommentOfArticle) {
      const article = this.articles.get(comment.articleId) ?? {};
      this.articles.set(comment.articleId, { ...article, firstCommentAt: article.firstCommentAt ?? comment.createdAt });
    }
  }

  async insertCommentsTogether(records: readonly NewCommentRecord[]): Promise<boolean> {
    // All or none, as one DynamoDB transaction: every condition is checked before anything is stored.
    const fails = (record: NewCommentRecord) =>
      this.comments.has(record.comment.id) || record.contact.guardKeys.some((key) => this.guards.has(key)) || record.floodKeys.length > 0;
    if (records.some(fails)) return false;
    for (const record of records) await this.insertComment(record);
    return true;
  }

  async getComment(id: string): Promise<Comment | undefined> {
    const comment = this.comments.get(id);
    return comment && copy(comment);
  }

  async getContact(id: string): Promise<Contact | undefined> {
    const stored = this.contacts.get(id);
    return stored && copy(stored.contact);
  }

  async getComments(ids: readonly string[]): Promise<Map<string, Comment>> {
    const found = new Map<string, Comment>();
    for (const id of ids) {
      const comment = this.comments.get(id);
      if (comment) found.set(id, copy(comment));
    }
    return found;
  }

  async listPublished(articleId: string, limit: number, after?: string): Promise<Page<PublicComment>> {
    const approved = [...this.comments.values()].filter((c) => c.articleId === articleId && c.status === 'approved');
    return pageOf(
      approved,
      (c) => positionOf(c.createdAt, c.id),
      { limit, after, newestFirst: false },
      (c) => toPublicComment(copy(c)),
    );
  }

  async countPublished(articleIds: readonly string[]): Promise<Map<string, number>> {
    return new Map(articleIds.map((id) => [id, this.publishedCounts.get(id) ?? 0]));
  }

  async listByStatus(query: StatusQuery): Promise<Page<ModeratorComment>> {
    const matching = [...this.comments.values()].filter(
      (c) => c.status === query.status && (query.articleId === undefined || c.articleId === query.articleId),
    );
    if (query.byRisk) {
      return pageOf(matching, riskPosition, { ...query, newestFirst: true }, (c) => this.moderatorView(c));
    }
    return pageOf(
      matching,
      (c) => positionOf(c.createdAt, c.id),
      query,
      (c) => this.moderatorView(c),
    );
  }

  async listByEmailHash(emailHash: string, limit: number, after?: string): Promise<Page<ModeratorComment>> {
    const contacts = [...this.contacts.values()].filter((stored) => stored.contact.emailHash === emailHash);
    const page = pageOf(
      contacts,
      (stored) => positionOf(stored.createdAt, stored.contact.commentId),
      { limit, after, newestFirst: true },
      (stored) => this.comments.get(stored.contact.commentId),
    );
    // As on DynamoDB: the page is of contacts; one whose comment is gone is left out.
    const items = page.items.filter((c): c is Comment => c !== undefined).map((c) => this.moderatorView(c));
    return { items, last: page.last };
  }

  async oldestPendingAt(): Promise<string | null> {
    const pending = [...this.comments.values()].filter((c) => c.status === 'pending');
    const oldest = pageOf(
      pending,
      (c) => positionOf(c.createdAt, c.id),
      { limit: 1, newestFirst: false },
      (c) => c.createdAt,
    );
    return oldest.items[0] ?? null;
  }

  async changeStatus(change: StatusChange): Promise<Comment> {
    const { comment, contact, to } = change;
    const stored = this.storedAt(comment);
    // The purge time moves with the private data, which must still be there (as the DynamoDB store's conditions require).
    const expiryMayChange = change.expiresAt !== null || comment.status === 'spam' || comment.status === 'rejected';
    if (contact && expiryMayChange && !this.privateDataExists(contact)) throw this.conflict(comment.id);

    // Approving clears the readers' reports.
    const { reports: _reports, reportedAt: _reportedAt, ...unreported } = comment;
    const { reports: _storedReports, reportedAt: _storedAt, ...storedUnreported } = stored;
    const approving = to === 'approved';
    const next: Comment = { ...(approving ? unreported : comment), status: to, version: comment.version + 1, updatedAt: change.at };
    this.comments.set(comment.id, { ...(approving ? storedUnreported : stored), status: to, version: next.version, updatedAt: change.at });
    this.addHistory(comment.id, next.version, {
      at: change.at,
      actor: change.actor,
      from: comment.status,
      to,
      reason: change.reason,
      rule: null,
    });
    if (contact) this.count(contact.emailHash, comment.status, to);
    this.countPublishedChange(comment.articleId, comment.status, to);
    return copy(next);
  }

  async deleteComment(change: Erasure): Promise<void> {
    const { comment, contact } = change;
    this.storedAt(comment);
    this.comments.delete(comment.id);
    this.countPublishedChange(comment.articleId, comment.status, null);
    this.addHistory(comment.id, comment.version + 1, erasureEntry(change, 'deleted'));
    if (contact) {
      this.deletePrivateData(contact);
      this.count(contact.emailHash, comment.status, null);
    }
  }

  async anonymiseComment(change: Erasure): Promise<Comment> {
    const { comment, contact } = change;
    const stored = this.storedAt(comment);
    const next: Comment = { ...comment, author: ANONYMOUS, url: null, version: comment.version + 1, updatedAt: change.at };
    this.comments.set(comment.id, { ...stored, author: ANONYMOUS, url: null, version: next.version, updatedAt: change.at });
    this.addHistory(comment.id, next.version, erasureEntry(change, 'anonymised'));
    if (contact) this.deletePrivateData(contact);
    return copy(next);
  }

  async getHistory(id: string): Promise<HistoryEntry[]> {
    const entries = [...(this.histories.get(id)?.values() ?? [])];
    entries.sort((a, b) => byBytes(a.entry.at, b.entry.at) || a.version - b.version);
    return entries.map(({ entry }) => copy(entry));
  }

  async listContactsByEmailHash(emailHash: string, limit: number, after?: string, since?: string): Promise<Page<ContactRef>> {
    const matching = [...this.contacts.values()].filter(
      (stored) =>
        stored.contact.emailHash === emailHash && (!since || byBytes(positionOf(stored.createdAt, stored.contact.commentId), since) >= 0),
    );
    return pageOf(
      matching,
      (stored) => positionOf(stored.createdAt, stored.contact.commentId),
      { limit, after, newestFirst: false },
      (stored) => copy(stored),
    );
  }

  async deleteContact(contact: Contact): Promise<void> {
    this.deletePrivateData(contact);
  }

  async forgetAuthor(emailHash: string, guardKeys: readonly string[]): Promise<void> {
    this.authors.delete(emailHash);
    this.subscribers.delete(emailHash);
    for (const key of guardKeys) {
      this.guards.delete(key);
      this.mailMarks.delete(key);
    }
  }

  // Reply notifications
  async getSubscriber(emailHash: string): Promise<Subscriber | undefined> {
    const stored = this.subscribers.get(emailHash);
    return stored ? copy(stored) : undefined;
  }

  async claimConfirmation(emailHash: string, at: string, notBefore: string): Promise<boolean> {
    const stored = this.subscribers.get(emailHash);
    const mayAsk =
      !stored ||
      ((stored.state === 'pending' || stored.state === 'unsubscribed') &&
        (stored.confirmationSentAt === null || stored.confirmationSentAt <= notBefore));
    if (!mayAsk) return false;
    this.subscribers.set(emailHash, {
      emailHash,
      state: 'pending',
      createdAt: stored?.createdAt ?? at,
      updatedAt: at,
      confirmationSentAt: at,
      confirmedAt: stored?.confirmedAt ?? null,
    });
    return true;
  }

  async setSubscriberState(
    emailHash: string,
    from: readonly (SubscriberState | 'absent')[],
    to: SubscriberState,
    at: string,
  ): Promise<boolean> {
    const stored = this.subscribers.get(emailHash);
    if (!from.includes(stored ? stored.state : 'absent')) return false;
    this.subscribers.set(emailHash, {
      emailHash,
      state: to,
      createdAt: stored?.createdAt ?? at,
      updatedAt: at,
      confirmationSentAt: stored?.confirmationSentAt ?? null,
      confirmedAt: to === 'confirmed' ? at : (stored?.confirmedAt ?? null),
    });
    return true;
  }

  async claimReplyMail(claim: ReplyMailRequest): Promise<ReplyMailClaim> {
    if (this.subscribers.get(claim.emailHash)?.state !== 'confirmed') return 'notConfirmed';
    const marker = replyMailKey(claim.replyId, claim.emailHash);
    if (this.mailMarks.has(marker)) return 'duplicate';
    const quota = mailQuotaKey(claim.emailHash, claim.day);
    const sent = this.mailMarks.get(quota) ?? 0;
    if (sent >= claim.limit) return 'overLimit';
    this.mailMarks.set(marker, 1);
    this.mailMarks.set(quota, sent + 1);
    return 'claimed';
  }

  async releaseConfirmation(emailHash: string, at: string): Promise<void> {
    const stored = this.subscribers.get(emailHash);
    if (stored?.confirmationSentAt === at) this.subscribers.set(emailHash, { ...stored, confirmationSentAt: null });
  }

  async releaseReplyMail(claim: ReplyMailRequest): Promise<void> {
    this.mailMarks.delete(replyMailKey(claim.replyId, claim.emailHash));
    const quota = mailQuotaKey(claim.emailHash, claim.day);
    const sent = this.mailMarks.get(quota) ?? 0;
    if (sent > 0) this.mailMarks.set(quota, sent - 1);
  }

  async reportComment(report: NewReport): Promise<ReportOutcome> {
    const { comment } = report;
    const nowMs = Date.parse(report.at);
    // Every condition first, in the order the DynamoDB store decodes them.
    const markerKey = `${comment.id}#${report.reporterKey}`;
    if (this.reportMarkers.has(markerKey)) return 'repeat';
    const lock = report.floodKey ? this.guards.get(report.floodKey) : undefined;
    if (lock && 'lastAtMs' in lock && lock.lastAtMs > nowMs - report.floodMs) {
      throw tooManyRequests((lock.lastAtMs + report.floodMs - nowMs) / 1000);
    }
    const stored = this.comments.get(comment.id);
    const sameCount = (stored?.reports?.count ?? 0) === (comment.reports?.count ?? 0);
    if (!stored || stored.version !== comment.version || stored.status !== 'approved' || !sameCount) throw versionConflict(comment.version);

    this.reportMarkers.add(markerKey);
    if (report.floodKey) this.guards.set(report.floodKey, { lastAtMs: nowMs });
    const reported = { ...stored, reports: copy(report.reports), reportedAt: report.at };
    if (!report.unpublish) {
      this.comments.set(comment.id, reported);
      return 'counted';
    }
    const { reason, contact } = report.unpublish;
    const reasons = [reason, ...stored.reasons.filter((r) => r.rule !== 'reports')];
    const version = comment.version + 1;
    this.comments.set(comment.id, { ...reported, status: 'pending', version, updatedAt: report.at, reasons });
    this.addHistory(comment.id, version, {
      at: report.at,
      actor: 'system',
      from: 'approved',
      to: 'pending',
      reason: reason.message,
      rule: reason.rule,
    });
    if (contact) this.count(contact.emailHash, 'approved', 'pending');
    this.countPublishedChange(comment.articleId, 'approved', 'pending');
    return 'counted';
  }

  async listReported(limit: number, after?: string): Promise<Page<ModeratorComment>> {
    const reported = [...this.comments.values()].filter((c) => c.reportedAt !== undefined);
    return pageOf(
      reported,
      (c) => positionOf(c.reportedAt ?? '', c.id),
      { limit, after, newestFirst: true },
      (c) => this.moderatorView(c),
    );
  }

  async putBan(ban: StoredBan): Promise<void> {
    this.bans.set(ban.id, copy(ban));
  }

  async getBan(id: string): Promise<StoredBan | undefined> {
    const ban = this.bans.get(id);
    return ban && copy(ban);
  }

  async listBans(): Promise<StoredBan[]> {
    return [...this.bans.values()].sort((a, b) => byBytes(b.id, a.id)).map(copy);
  }

  async findBans(subjects: { emailHash: string | null; addressHash: string | null }): Promise<StoredBan[]> {
    return [...this.bans.values()]
      .filter(
        (ban) =>
          (subjects.emailHash !== null && ban.emailHash === subjects.emailHash) ||
          (subjects.addressHash !== null && ban.addressHash === subjects.addressHash),
      )
      .map(copy);
  }

  async deleteBan(ban: StoredBan): Promise<void> {
    this.bans.delete(ban.id);
  }

  /** The stored comment when it is still at the version the change was based on; otherwise the conflict a writer would get. */
  private storedAt(comment: Comment): Comment {
    const stored = this.comments.get(comment.id);
    if (!stored || stored.version !== comment.version) throw this.conflict(comment.id);
    return stored;
  }

  private conflict(id: string): Error {
    const current = this.comments.get(id);
    return current ? versionConflict(current.version) : notFound();
  }

  private moderatorView(c: Comment): ModeratorComment {
    const contact = this.contacts.get(c.id)?.contact;
    const record = contact && { approved: 0, rejected: 0, spam: 0, ...this.authors.get(contact.emailHash) };
    return toModeratorComment(copy(c), contact && copy(contact), record);
  }

  private privateDataExists(contact: Contact): boolean {
    return this.contacts.has(contact.commentId) && contact.guardKeys.every((key) => this.guards.has(key));
  }

  private deletePrivateData(contact: Contact): void {
    this.contacts.delete(contact.commentId);
    for (const key of contact.guardKeys) this.guards.delete(key);
  }

  private addHistory(id: string, version: number, entry: HistoryEntry): void {
    const history = this.histories.get(id) ?? new Map();
    history.set(`${entry.at}#${version}`, { version, entry: copy(entry) });
    this.histories.set(id, history);
  }

  async addPublished(articleId: string, delta: number): Promise<void> {
    this.publishedCounts.set(articleId, (this.publishedCounts.get(articleId) ?? 0) + delta);
  }

  private countPublishedChange(articleId: string, from: CommentStatus | null, to: CommentStatus | null): void {
    const delta = (to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);
    if (delta !== 0) this.publishedCounts.set(articleId, (this.publishedCounts.get(articleId) ?? 0) + delta);
  }

  /** The per-email counts auto-approve reads: pending comments are not counted. */
  private count(emailHash: string, from: CommentStatus | null, to: CommentStatus | null): void {
    if (from === to) return;
    const counts: AuthorRecord = { approved: 0, rejected: 0, spam: 0, ...this.authors.get(emailHash) };
    const touched = (from && COUNTED.has(from)) || (to && COUNTED.has(to));
    if (!touched) return;
    if (from && COUNTED.has(from)) counts[from as keyof AuthorRecord] -= 1;
    if (to && COUNTED.has(to)) counts[to as keyof AuthorRecord] += 1;
    this.authors.set(emailHash, counts);
  }
}

function erasureEntry(change: Erasure, to: HistoryEntry['to']): HistoryEntry {
  return { at: change.at, actor: change.actor, from: change.comment.status, to, reason: change.reason ?? null, rule: change.rule ?? null };
}

/** One page in sort order, strictly after `after`; `last` only when more follow, as the DynamoDB store's limit + 1 query does. */
function pageOf<T, R>(
  rows: T[],
  position: (row: T) => string,
  query: { limit: number; after?: string; newestFirst: boolean },
  view: (row: T) => R,
): Page<R> {
  const direction = query.newestFirst ? -1 : 1;
  const ordered = rows
    .map((row) => ({ row, at: position(row) }))
    .filter(({ at }) => !query.after || direction * byBytes(at, query.after) > 0)
    .sort((a, b) => direction * byBytes(a.at, b.at));
  const page = ordered.slice(0, query.limit);
  const more = ordered.length > query.limit;
  return { items: page.map(({ row }) => view(row)), last: more ? page[page.length - 1]?.at : undefined };
}
