/** The memory store's tables (maps), the writes several ports share, and the paging every list uses. */
import type { Comment, CommentStatus, Contact, HistoryEntry, ModeratorComment } from '../../../lambda/domain/comment';
import { riskOf, toModeratorComment } from '../../../lambda/domain/comment';
import { notFound, versionConflict } from '../../../lambda/domain/errors';
import type { StoredBan } from '../../../lambda/domain/bans';
import type { AuthorRecord } from '../../../lambda/domain/policy';
import type { Subscriber } from '../../../lambda/domain/reply-notifications/subscriber';
import type { ArticleSettings, SiteSettings } from '../../../lambda/domain/settings';
import type { Erasure, Page } from '../../../lambda/domain/ports/store-records';

/** A duplicate lock names its comment; a flood lock, when it was taken. */
export type Guard = { commentId: string } | { lastAtMs: number };

export interface StoredContact {
  contact: Contact;
  createdAt: string;
}

export const COUNTED = new Set<CommentStatus>(['approved', 'rejected', 'spam']);
export const ANONYMOUS = 'Anonymous';

/** Through JSON, as a database round trip: a copy, without undefined fields. */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** DynamoDB orders string sort keys by their UTF-8 bytes. */
export const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
export const positionOf = (createdAt: string, id: string) => `${createdAt}#${id}`;
export const riskPosition = (c: Comment) => `${riskOf(c.reasons).toFixed(3)}#${positionOf(c.createdAt, c.id)}`;

export class MemoryTables {
  settings: SiteSettings | undefined;
  readonly articles = new Map<string, Partial<ArticleSettings>>();
  readonly comments = new Map<string, Comment>();
  readonly contacts = new Map<string, StoredContact>();
  /** Per comment: history entries by (at, version); they outlive the comment. */
  readonly histories = new Map<string, Map<string, { version: number; entry: HistoryEntry }>>();
  readonly guards = new Map<string, Guard>();
  readonly authors = new Map<string, AuthorRecord>();
  readonly subscribers = new Map<string, Subscriber>();
  /** Reply-mail guards: one per reply and address, and the daily counts. */
  readonly mailMarks = new Map<string, number>();
  /** Readers' report markers: `<commentId>#<reporterKey>`. */
  readonly reportMarkers = new Set<string>();
  readonly bans = new Map<string, StoredBan>();
  /** Per article: its published comments, kept by every write as the DynamoDB store's counter items are. */
  readonly publishedCounts = new Map<string, number>();

  /** The stored comment when it is still at the version the change was based on; otherwise the conflict a writer would get. */
  storedAt(comment: Comment): Comment {
    const stored = this.comments.get(comment.id);
    if (!stored || stored.version !== comment.version) throw this.conflict(comment.id);
    return stored;
  }

  conflict(id: string): Error {
    const current = this.comments.get(id);
    return current ? versionConflict(current.version) : notFound();
  }

  moderatorView(c: Comment): ModeratorComment {
    const contact = this.contacts.get(c.id)?.contact;
    const record = contact && { approved: 0, rejected: 0, spam: 0, ...this.authors.get(contact.emailHash) };
    return toModeratorComment(copy(c), contact && copy(contact), record);
  }

  privateDataExists(contact: Contact): boolean {
    return this.contacts.has(contact.commentId) && contact.guardKeys.every((key) => this.guards.has(key));
  }

  deletePrivateData(contact: Contact): void {
    this.contacts.delete(contact.commentId);
    for (const key of contact.guardKeys) this.guards.delete(key);
  }

  addHistory(id: string, version: number, entry: HistoryEntry): void {
    const history = this.histories.get(id) ?? new Map();
    history.set(`${entry.at}#${version}`, { version, entry: copy(entry) });
    this.histories.set(id, history);
  }

  countPublishedChange(articleId: string, from: CommentStatus | null, to: CommentStatus | null): void {
    const delta = (to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);
    if (delta !== 0) this.publishedCounts.set(articleId, (this.publishedCounts.get(articleId) ?? 0) + delta);
  }

  /** The per-email counts auto-approve reads: pending comments are not counted. */
  count(emailHash: string, from: CommentStatus | null, to: CommentStatus | null): void {
    if (from === to) return;
    const counts: AuthorRecord = { approved: 0, rejected: 0, spam: 0, ...this.authors.get(emailHash) };
    const touched = (from && COUNTED.has(from)) || (to && COUNTED.has(to));
    if (!touched) return;
    if (from && COUNTED.has(from)) counts[from as keyof AuthorRecord] -= 1;
    if (to && COUNTED.has(to)) counts[to as keyof AuthorRecord] += 1;
    this.authors.set(emailHash, counts);
  }
}

export function erasureEntry(change: Erasure, to: HistoryEntry['to']): HistoryEntry {
  return { at: change.at, actor: change.actor, from: change.comment.status, to, reason: change.reason ?? null, rule: change.rule ?? null };
}

/** One page in sort order, strictly after `after`; `last` only when more follow, as the DynamoDB store's limit + 1 query does. */
export function pageOf<T, R>(
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
