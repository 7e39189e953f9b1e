/**
 * Moderators' changes: a status change, a delete, an anonymisation. Each is
 * one transaction conditioned on the version the moderator read, so two
 * moderators acting at once cannot lose an update: one wins, the other 409.
 */
import type { Comment, HistoryEntry } from '../../domain/comment';
import { notFound, serviceUnavailable, versionConflict } from '../../domain/errors';
import type { Erasure, StatusChange } from '../../domain/ports/store-records';
import { authorCountUpdate, statusDeltas } from './author-stats';
import { getComment } from './comment-reads';
import type { StoreContext, TableNames } from './context';
import { historyItem, indexAttributes, keys, PUBLISHED_ATTRIBUTES, REPORT_ATTRIBUTES } from './items';
import { privateDataDeletes, privateDataExpiry } from './private-data';
import { publishedCountUpdate, publishedDelta } from './published-counts';
import { type Cancellation, type Tagged, tagged, transactWrite } from './transaction';
import type { ModerationStore } from '../../domain/ports/moderation-store';

/** The items of a moderation write: the comment (with the version condition), its history, its private data, the author's counts, the article's published count. */
export type ModerationTag = 'comment' | 'history' | 'privateData' | 'authorCounts' | 'publishedCount';

const ANONYMOUS = 'Anonymous';

/** What another use case (a reader's report) adds to a status change: more to set or remove on the comment, and a condition. */
export interface CommentUpdateExtras {
  set?: Record<string, unknown>;
  remove?: readonly string[];
  /** ANDed with the version condition; its placeholders are in `names` and `values`. */
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export async function changeStatus(ctx: StoreContext, change: StatusChange): Promise<Comment> {
  const { next, items } = statusChangeItems(ctx.tables, change);
  await writeOrConflict(ctx, items, change.comment.id);
  return next;
}

/** The items of a status change: the comment (version-conditioned), its history, its private data's expiry, the author's counts. */
export function statusChangeItems(
  tables: TableNames,
  change: StatusChange & { rule?: string | null },
  extras: CommentUpdateExtras = {},
): { next: Comment; items: Tagged<ModerationTag>[] } {
  const { comment, contact, to } = change;
  // Approving clears the readers' reports (and takes the comment off the Reported list).
  const { reports: _reports, reportedAt: _reportedAt, ...kept } = comment;
  const next: Comment = { ...(to === 'approved' ? kept : comment), status: to, version: comment.version + 1, updatedAt: change.at };
  const set: Record<string, unknown> = {
    status: to,
    version: next.version,
    updatedAt: change.at,
    moderatedBy: change.actor,
    ...indexAttributes(comment, to),
    ...(change.expiresAt === null ? {} : { expiresAt: change.expiresAt }),
    ...extras.set,
  };
  const remove = [
    ...(to === 'approved' ? REPORT_ATTRIBUTES : PUBLISHED_ATTRIBUTES),
    ...(change.expiresAt === null ? ['expiresAt'] : []),
    ...(extras.remove ?? []),
  ];
  const update = updateExpression(set, remove);
  const items: Tagged<ModerationTag>[] = [
    tagged('comment', {
      Update: {
        TableName: tables.comments,
        Key: keys.comment(comment.id),
        UpdateExpression: update.expression,
        ConditionExpression: extras.condition ? `version = :expected AND (${extras.condition})` : 'version = :expected',
        ExpressionAttributeNames: { ...update.names, ...extras.names },
        ExpressionAttributeValues: { ...update.values, ...extras.values, ':expected': comment.version },
      },
    }),
    historyPut(
      tables.comments,
      comment,
      next.version,
      { at: change.at, actor: change.actor, reason: change.reason, rule: change.rule ?? null },
      to,
    ),
  ];
  if (contact) {
    // Private data and guards are purged with the comment, never later. Only spam and
    // rejected comments can carry an expiry, so other moves (say, pending -> approved)
    // leave these items alone and cost 6 write units less.
    const expiryMayChange = change.expiresAt !== null || comment.status === 'spam' || comment.status === 'rejected';
    if (expiryMayChange) items.push(...privateDataExpiry(tables.private, contact, change.expiresAt));
    const counts = authorCountUpdate(tables.private, contact.emailHash, statusDeltas(comment.status, to));
    if (counts) items.push(tagged('authorCounts', counts));
  }
  const published = publishedCountUpdate(tables.comments, comment.articleId, publishedDelta(comment.status, to));
  if (published) items.push(tagged('publishedCount', published));
  return { next, items };
}

export async function deleteComment(ctx: StoreContext, change: Erasure): Promise<void> {
  const { tables } = ctx;
  const { comment, contact } = change;
  const items: Tagged<ModerationTag>[] = [
    tagged('comment', {
      Delete: {
        TableName: tables.comments,
        Key: keys.comment(comment.id),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': comment.version },
      },
    }),
    historyPut(tables.comments, comment, comment.version + 1, change, 'deleted'),
    ...privateDataDeletes(tables.private, contact),
  ];
  if (contact) {
    const counts = authorCountUpdate(tables.private, contact.emailHash, statusDeltas(comment.status, null));
    if (counts) items.push(tagged('authorCounts', counts));
  }
  const published = publishedCountUpdate(tables.comments, comment.articleId, publishedDelta(comment.status, null));
  if (published) items.push(tagged('publishedCount', published));
  await writeOrConflict(ctx, items, comment.id);
}

/** Keeps the text; the author becomes "Anonymous", the website goes, and so do the private data and guards. */
export async function anonymiseComment(ctx: StoreContext, change: Erasure): Promise<Comment> {
  const { tables } = ctx;
  const { comment, contact } = change;
  const next: Comment = { ...comment, author: ANONYMOUS, url: null, version: comment.version + 1, updatedAt: change.at };
  const items: Tagged<ModerationTag>[] = [
    tagged('comment', {
      Update: {
        TableName: tables.comments,
        Key: keys.comment(comment.id),
        UpdateExpression: 'SET author = :author, #url = :url, version = :next, updatedAt = :at',
        ConditionExpression: 'version = :expected',
        ExpressionAttributeNames: { '#url': 'url' },
        ExpressionAttributeValues: {
          ':author': ANONYMOUS,
          ':url': null,
          ':next': next.version,
          ':at': change.at,
          ':expected': comment.version,
        },
      },
    }),
    historyPut(tables.comments, comment, next.version, change, 'anonymised'),
    ...privateDataDeletes(tables.private, contact),
  ];
  await writeOrConflict(ctx, items, comment.id);
  return next;
}

function historyPut(
  table: string,
  comment: Comment,
  version: number,
  change: Pick<Erasure, 'at' | 'actor' | 'reason' | 'rule'>,
  to: HistoryEntry['to'],
): Tagged<'history'> {
  const entry: HistoryEntry = {
    at: change.at,
    actor: change.actor,
    from: comment.status,
    to,
    reason: change.reason ?? null,
    rule: change.rule ?? null,
  };
  return tagged('history', { Put: { TableName: table, Item: historyItem(comment.id, version, entry) } });
}

/** Runs a moderation transaction; losing to another writer becomes 409 (or 404 when the comment is gone). */
export async function writeOrConflict(ctx: StoreContext, items: Tagged<ModerationTag>[], commentId: string): Promise<void> {
  const cancelled = await transactWrite(ctx.db, items);
  if (cancelled) throw await moderationFailure(ctx, cancelled, commentId);
}

export async function moderationFailure(ctx: StoreContext, cancelled: Cancellation<ModerationTag>, commentId: string): Promise<Error> {
  // The comment's version condition failed, or its private data (whose updates require it to
  // exist) was erased meanwhile, or another transaction held one of the items: someone else
  // changed the comment. Anything else is the service failing.
  const lostRace = cancelled.has('comment') || cancelled.has('privateData') || cancelled.any('TransactionConflict');
  if (!lostRace) return serviceUnavailable();
  const current = await getComment(ctx, commentId);
  return current ? versionConflict(current.version) : notFound();
}

/** `SET a = :a, ... REMOVE x, y` with placeholder names, for attributes that may be reserved words. */
export function updateExpression(set: Record<string, unknown>, remove: readonly string[]) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const assignments = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removals = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  const expression = `SET ${assignments.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`;
  return { expression, names, values };
}

/** The moderation port: version-conditioned status changes and deletes. */
export const dynamoDbModerationStore = (ctx: StoreContext): ModerationStore => ({
  changeStatus: (change) => changeStatus(ctx, change),
  deleteComment: (change) => deleteComment(ctx, change),
});
