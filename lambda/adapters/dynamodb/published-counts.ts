/**
 * One counter item per article (COUNT#<articleId> in the comments table):
 * how many of its comments are published. Every write that moves a comment
 * into or out of `approved` (a submission published at once, approve,
 * reject / spam / delete of a published comment) adds to it in the same
 * transaction, so the count never drifts from the comments; the counts route
 * reads the counters of a page's articles with one BatchGetItem.
 */
import type { CommentStatus } from '../../domain/comment';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './bounded-reads';
import type { StoreContext } from './context';
import { ITEM_TYPE, keys } from './items';
import type { TransactItem } from './transaction';

const COUNT_ATTRIBUTE = 'published';

/** +1 into approved, -1 out of it, 0 otherwise (null: stored or removed). */
export function publishedDelta(from: CommentStatus | null, to: CommentStatus | null): number {
  return (to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);
}

/** An ADD on the article's counter, or null when the count does not change. */
export function publishedCountUpdate(table: string, articleId: string, delta: number): TransactItem | null {
  if (delta === 0) return null;
  return {
    Update: {
      TableName: table,
      Key: keys.publishedCount(articleId),
      UpdateExpression: 'SET #type = :type, articleId = :article ADD #count :delta',
      ExpressionAttributeNames: { '#type': 'type', '#count': COUNT_ATTRIBUTE },
      ExpressionAttributeValues: { ':type': ITEM_TYPE.publishedCount, ':article': articleId, ':delta': delta },
    },
  };
}

/** The counter update on its own (the importer's, once per article per batch). */
export async function addPublished({ db }: StoreContext, table: string, articleId: string, delta: number): Promise<void> {
  const update = publishedCountUpdate(table, articleId, delta);
  if (update?.Update) await db.send(new UpdateCommand(update.Update));
}

export async function countPublished({ db, tables }: StoreContext, articleIds: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(articleIds)];
  const items = await batchGet(db, tables.comments, unique.map(keys.publishedCount));
  const counts = new Map(unique.map((id) => [id, 0]));
  for (const item of items) counts.set(String(item.articleId), Math.max(0, Number(item[COUNT_ATTRIBUTE] ?? 0)));
  return counts;
}
