/**
 * The floor an operation is compared with, measured on a bare table (keys
 * only, no index): one plain write of the item, or one query returning
 * exactly the page's items.
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemSize } from './item-size';

export interface Floor {
  kind: 'write' | 'read';
  units: number;
  bytes: number;
  what: string;
}

/** One PutItem of `item` (its own keys) into the bare table. */
export async function writeFloor(db: DynamoDBDocumentClient, bare: string, item: Record<string, unknown>, what: string): Promise<Floor> {
  const { ConsumedCapacity } = await db.send(new PutCommand({ TableName: bare, Item: { ...item }, ReturnConsumedCapacity: 'TOTAL' }));
  return { kind: 'write', units: ConsumedCapacity?.CapacityUnits ?? 0, bytes: itemSize(item), what };
}

/** Stores `items` under one partition of the bare table, then reads them back with one Query. */
export async function pageFloor(
  db: DynamoDBDocumentClient,
  bare: string,
  partition: string,
  items: Record<string, unknown>[],
  what: string,
): Promise<Floor> {
  for (const [i, item] of items.entries()) {
    await db.send(new PutCommand({ TableName: bare, Item: { ...item, PK: partition, SK: String(i).padStart(6, '0') } }));
  }
  const { ConsumedCapacity } = await db.send(
    new QueryCommand({
      TableName: bare,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      Limit: items.length,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  return { kind: 'read', units: ConsumedCapacity?.CapacityUnits ?? 0, bytes: items.reduce((n, item) => n + itemSize(item), 0), what };
}
