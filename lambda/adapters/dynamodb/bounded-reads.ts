/** Bounded reads shared by the store: one page of a Query, and BatchGetItem with retries of unprocessed keys. */
import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { serviceUnavailable } from '../../domain/errors';
import type { Page } from '../../domain/ports/store-records';
import type { IndexDefinition } from './schema';

export interface PageQuery {
  table: string;
  index: IndexDefinition;
  /** The index partition to read. */
  partition: string;
  /** Only items whose index sort key is at or after this value. */
  from?: string;
  limit: number;
  forward: boolean;
  /** The sort position to continue after (exclusive). */
  after?: string;
  /** The table key of the item at a sort position: an index query's start key must name it too. */
  keyAt: (position: string) => Record<string, string>;
}

/** One Query of at most limit + 1 items: the extra item only tells whether another page exists. */
export async function queryPage(db: DynamoDBDocumentClient, q: PageQuery): Promise<Page<Record<string, unknown>>> {
  const partitionKey = q.index.partitionKey.name;
  const sortKey = q.index.sortKey.name;
  const result = await db.send(
    new QueryCommand({
      TableName: q.table,
      IndexName: q.index.indexName,
      KeyConditionExpression: q.from ? '#pk = :pk AND #sk >= :from' : '#pk = :pk',
      ExpressionAttributeNames: q.from ? { '#pk': partitionKey, '#sk': sortKey } : { '#pk': partitionKey },
      ExpressionAttributeValues: q.from ? { ':pk': q.partition, ':from': q.from } : { ':pk': q.partition },
      ScanIndexForward: q.forward,
      Limit: q.limit + 1,
      ExclusiveStartKey: q.after ? { ...q.keyAt(q.after), [partitionKey]: q.partition, [sortKey]: q.after } : undefined,
    }),
  );
  const items = result.Items ?? [];
  const pageItems = items.slice(0, q.limit);
  const more = items.length > q.limit;
  const lastItem = pageItems[pageItems.length - 1];
  return { items: pageItems, last: more && lastItem ? String(lastItem[sortKey]) : undefined };
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
