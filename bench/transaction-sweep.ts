/**
 * Section 3's transaction sweep: how DynamoDB Local's TransactWriteItems
 * grows with the number of items, against a PutItem of the same item, in
 * the same run. Every item is a lock-sized conditional Put (as the submit's
 * duplicate and flood locks are), so only the item count changes. It is the
 * floor of any submit that writes N items atomically: keeping the email out
 * of the public table takes at least two (the comment and its private
 * contact), and this design writes five with flood control off.
 */
import { randomBytes } from 'node:crypto';
import { PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ITEM_ABSENT } from '../lambda/adapters/dynamodb/items';
import { TABLE_KEY } from '../lambda/adapters/dynamodb/schema';
import { closedLoop, type LoadStats } from './load';
import { ratio } from './stats';

export const SWEEP_SIZES = [1, 2, 3, 4, 5] as const;

export interface TransactionSweep {
  /** A conditional PutItem of one lock-sized item: the unit every row is divided by. */
  put: LoadStats;
  rows: { items: number; stats: LoadStats; toPut: number }[];
}

export async function sweepTransactionSizes(
  db: DynamoDBDocumentClient,
  table: string,
  options: { concurrency: number; seconds: number; warmupSeconds: number },
): Promise<TransactionSweep> {
  const run = randomBytes(4).toString('hex');
  let n = 0;
  // Expiring like a flood lock, so a long-lived table sheds them too.
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  // Keys of their own (a prefix no service item uses), each written once: every condition holds.
  const put = () => {
    n += 1;
    return {
      TableName: table,
      Item: { [TABLE_KEY.partition.name]: `sweep#${run}#${n}`, [TABLE_KEY.sort.name]: 'lock', type: 'sweep', expiresAt },
      ConditionExpression: ITEM_ABSENT,
    };
  };
  const measure = async (call: () => Promise<unknown>) => {
    await closedLoop(call, options.concurrency, options.warmupSeconds);
    return closedLoop(call, options.concurrency, options.seconds);
  };
  const single = await measure(() => db.send(new PutCommand(put())));
  const rows: TransactionSweep['rows'] = [];
  for (const items of SWEEP_SIZES) {
    const stats = await measure(() =>
      db.send(new TransactWriteCommand({ TransactItems: Array.from({ length: items }, () => ({ Put: put() })) })),
    );
    rows.push({ items, stats, toPut: ratio(stats.p50Ms, single.p50Ms) });
  }
  return { put: single, rows };
}
