/**
 * The per-email counts auto-approve reads (AUTHOR#<emailHash> in the private
 * table): how many of the email's stored comments are approved, rejected and
 * spam. Every write that stores, moves or removes a comment adjusts them in
 * the same transaction; pending comments are not counted.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CommentStatus } from '../../domain/comment';
import type { AuthorRecord } from '../../domain/policy';
import { batchGet } from './bounded-reads';
import type { StoreContext } from './context';
import { KEY_PREFIX, keys } from './items';
import { TABLE_KEY } from './schema';
import type { TransactItem } from './transaction';
import type { AuthorStore } from '../../domain/ports/author-store';
import { listContactsByEmailHash } from './private-data';

export async function getAuthorRecord({ db, tables }: StoreContext, emailHash: string): Promise<AuthorRecord> {
  const { Item } = await db.send(new GetCommand({ TableName: tables.private, Key: keys.author(emailHash) }));
  return recordFromItem(Item);
}

/** The records of several emails in one BatchGetItem; an email with no counts yet has all zeros. */
export async function getAuthorRecords({ db, tables }: StoreContext, emailHashes: Iterable<string>): Promise<Map<string, AuthorRecord>> {
  const distinct = [...new Set(emailHashes)];
  const items = await batchGet(db, tables.private, distinct.map(keys.author));
  const found = new Map(items.map((item) => [String(item[TABLE_KEY.partition.name]).slice(KEY_PREFIX.author.length), item]));
  return new Map(distinct.map((hash) => [hash, recordFromItem(found.get(hash))]));
}

const recordFromItem = (item: Record<string, unknown> | undefined): AuthorRecord => ({
  approved: Number(item?.approved ?? 0),
  rejected: Number(item?.rejected ?? 0),
  spam: Number(item?.spam ?? 0),
});

const COUNTED: ReadonlySet<CommentStatus> = new Set(['approved', 'rejected', 'spam']);

/** The count changes of a comment moving from one status to another (null: stored or removed). */
export function statusDeltas(from: CommentStatus | null, to: CommentStatus | null): Record<string, number> {
  const deltas: Record<string, number> = {};
  if (from && COUNTED.has(from)) deltas[from] = (deltas[from] ?? 0) - 1;
  if (to && COUNTED.has(to)) deltas[to] = (deltas[to] ?? 0) + 1;
  return Object.fromEntries(Object.entries(deltas).filter(([, delta]) => delta !== 0));
}

/** An ADD update of the counts, or null when nothing changes. */
export function authorCountUpdate(table: string, emailHash: string, deltas: Record<string, number>): TransactItem | null {
  const entries = Object.entries(deltas);
  if (entries.length === 0) return null;
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = entries.map(([status, delta], i) => {
    names[`#c${i}`] = status;
    values[`:c${i}`] = delta;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: keys.author(emailHash),
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** An author's counts and, through the email index, their private data. */
export const dynamoDbAuthorStore = (ctx: StoreContext): AuthorStore => ({
  getAuthorRecord: (emailHash) => getAuthorRecord(ctx, emailHash),
  listContactsByEmailHash: (emailHash, limit, after, since) => listContactsByEmailHash(ctx, emailHash, limit, after, since),
});
