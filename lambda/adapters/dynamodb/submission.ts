/**
 * Storing a new comment: one transaction of the comment, its first history
 * entry, its private data and its guards, all conditional, so a duplicate,
 * a flood or a reused id leaves nothing behind.
 */
import { duplicateComment, serviceUnavailable, tooManyRequests } from '../../domain/errors';
import { CommentIdTaken, type NewCommentRecord } from '../../domain/ports/store-records';
import { authorCountUpdate, statusDeltas } from './author-stats';
import type { StoreContext, TableNames } from './context';
import { commentItem, contactItem, historyItem, ITEM_ABSENT, ITEM_TYPE, keys } from './items';
import { addPublished, publishedCountUpdate, publishedDelta } from './published-counts';
import { firstCommentUpdate } from './site-settings';
import { floodLockHeld, floodLockPut } from './flood-lock';
import { type Cancellation, type Tagged, tagged, transactWrite } from './transaction';
import type { SubmissionStore } from '../../domain/ports/submission-store';

/** The items of a submission, by what a failure of each means. */
type SubmissionTag = 'comment' | 'history' | 'contact' | 'duplicateGuard' | 'floodGuard' | 'authorCounts' | 'publishedCount' | 'article';

export async function insertComment({ db, tables }: StoreContext, record: NewCommentRecord): Promise<void> {
  const cancelled = await transactWrite(db, submissionItems(tables, record));
  if (!cancelled) return;
  // Readers commenting on a new article at the same moment all record when its commenting started, and DynamoDB
  // lets one of them through: the others write again without that item (the winner recorded it) instead of a 503.
  if (record.firstCommentOfArticle && cancelled.has('article', 'TransactionConflict') && !cancelled.any('ConditionalCheckFailed')) {
    const again = await transactWrite(db, submissionItems(tables, { ...record, firstCommentOfArticle: false }));
    if (again) throw submissionFailure(again, record);
    return;
  }
  throw submissionFailure(cancelled, record);
}

/**
 * Several new comments in one transaction, all or none (the importer's: one
 * request and one commit instead of one per comment). False when any
 * condition failed or the transaction met another: nothing was stored, and
 * the caller stores them one by one to learn which and why.
 */
export async function insertCommentsTogether({ db, tables }: StoreContext, records: readonly NewCommentRecord[]): Promise<boolean> {
  if (records.length === 0) return true;
  const cancelled = await transactWrite(
    db,
    records.flatMap((record) => submissionItems(tables, record)),
  );
  return cancelled === null;
}

function submissionItems(tables: TableNames, record: NewCommentRecord): Tagged<SubmissionTag>[] {
  const { comment, contact, history, expiresAt } = record;
  const nowMs = Date.parse(comment.createdAt);
  const purge = expiresAt === null ? {} : { expiresAt };
  const items: Tagged<SubmissionTag>[] = [
    tagged('comment', {
      Put: {
        TableName: tables.comments,
        // notifyReplies on the comment lets the stream ask for a confirmation without reading private data first.
        Item: { ...commentItem(comment), ...purge, ...(contact.notifyReplies ? { notifyReplies: true } : {}) },
        ConditionExpression: ITEM_ABSENT,
      },
    }),
    tagged('history', { Put: { TableName: tables.comments, Item: historyItem(comment.id, comment.version, history) } }),
    tagged('contact', { Put: { TableName: tables.private, Item: { ...contactItem(contact, comment), ...purge } } }),
    ...contact.guardKeys.map((key) =>
      tagged('duplicateGuard', {
        Put: {
          TableName: tables.private,
          Item: { ...keys.guard(key), type: ITEM_TYPE.duplicateGuard, commentId: comment.id, ...purge },
          ConditionExpression: ITEM_ABSENT,
        },
      }),
    ),
    ...record.floodKeys.map((key) => tagged('floodGuard', floodLockPut(tables.private, key, nowMs, record.floodMs))),
  ];
  const counts = authorCountUpdate(tables.private, contact.emailHash, statusDeltas(null, comment.status));
  if (counts) items.push(tagged('authorCounts', counts));
  const published = publishedCountUpdate(tables.comments, comment.articleId, publishedDelta(null, comment.status));
  if (published && !record.publishedCountLater) items.push(tagged('publishedCount', published));
  if (record.firstCommentOfArticle)
    items.push(tagged('article', firstCommentUpdate(tables.comments, comment.articleId, comment.createdAt)));
  return items;
}

/** What a cancelled submission means, in the contract's order: a reused id, then a duplicate (409) before a flood (429). */
function submissionFailure(cancelled: Cancellation<SubmissionTag>, record: NewCommentRecord): Error {
  const nowMs = Date.parse(record.comment.createdAt);
  if (cancelled.has('comment')) return new CommentIdTaken(record.comment.id);
  if (cancelled.has('duplicateGuard')) return duplicateComment();
  const held = cancelled.failed('floodGuard');
  if (held.length > 0) return floodLockHeld(held, nowMs, record.floodMs);
  // Another submission holding the same guard is being written right now: it wins.
  if (cancelled.has('floodGuard', 'TransactionConflict')) return tooManyRequests(record.floodMs / 1000);
  if (cancelled.has('duplicateGuard', 'TransactionConflict')) return duplicateComment();
  return serviceUnavailable();
}

/** The submission port: new comments with their guards, and the importer's deferred published count. */
export const dynamoDbSubmissionStore = (ctx: StoreContext): SubmissionStore => ({
  insertComment: (record) => insertComment(ctx, record),
  insertCommentsTogether: (records) => insertCommentsTogether(ctx, records),
  addPublished: (articleId, delta) => addPublished(ctx, ctx.tables.comments, articleId, delta),
});
