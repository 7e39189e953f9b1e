/** Bounded reads shared by the store: one page of a Query, and BatchGetItem with retries of unprocessed keys. */
import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { serviceUnavailable } from '../../domain/errors';
import type { Page } from '../../ports/comment-store';

export interface PageQuery {
  TableName: string;
  IndexName: string;
  KeyConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
  limit: number;
  forward: boolean;
  startKey?: Record<string, unknown>;
  /** The attribute whose value is the page's sort position. */
  positionAttribute: string;
}

/** One Query of at most limit + 1 items: the extra item only tells whether another page exists. */
export async function queryPage(db: DynamoDBDocumentClient, q: PageQuery): Promise<Page<Record<string, unknown>>> {
  const result = await db.send(
    new QueryCommand({
      TableName: q.TableName,
      IndexName: q.IndexName,
      KeyConditionExpression: q.KeyConditionExpression,
      ExpressionAttributeValues: q.ExpressionAttributeValues,
      ScanIndexForward: q.forward,
      Limit: q.limit + 1,
      ExclusiveStartKey: q.startKey,
    }),
  );
  const items = result.Items ?? [];
  const pageItems = items.slice(0, q.limit);
  const more = items.length > q.limit;
  const lastItem = pageItems[pageItems.length - 1];
  return { items: pageItems, last: more && lastItem ? String(lastItem[q.positionAttribute]) : undefined };
}

const BATCH_GET_LIMIT = 100;

/** All items of the given keys that exist, in any order; 503 when DynamoDB keeps some unprocessed. */
export async function batchGet(
  db: DynamoDBDocumentClient,
  table: string,
  keys: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
    let pending = keys.slice(start, start + BATCH_GET_LIMIT);
    for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const result = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [...pending] } } }));
      found.push(...(result.Responses?.[table] ?? []));
      pending = (result.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
    if (pending.length > 0) throw serviceUnavailable();
  }
  return found;
}
