/**
 * Bans in the private table: the ban itself in the one BANS partition (the
 * list is one Query), and one marker per barred keyed hash
 * (BANNED#email:<hash>, BANNED#address:<hash>) holding a copy, so a new
 * comment finds its bans with a Query per hash. All carry the ban's end as
 * the table's TTL; the service also checks the end itself (TTL is lazy).
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { BanScope, StoredBan } from '../../domain/bans';
import type { StoreContext } from './context';
import { BANS_PARTITION_KEY, ITEM_TYPE, type ItemKey, keys, KEY_PREFIX } from './items';
import { TABLE_KEY } from './schema';
import type { BanStore } from '../../domain/ports/ban-store';

/** Bans one hash can have at once are few; a Query reads at most this many. */
const MARKERS_PER_SUBJECT = 50;
/** A list of bans longer than this is cut (newest first). */
const MAX_LISTED = 1000;

function banItem(ban: StoredBan) {
  return {
    type: ITEM_TYPE.ban,
    ...ban,
    // The table's TTL attribute is epoch seconds; the ISO end is kept as `endsAt`.
    endsAt: ban.expiresAt,
    expiresAt: ban.expiresAt === null ? undefined : Math.ceil(Date.parse(ban.expiresAt) / 1000),
  };
}

function banFromItem(item: Record<string, unknown>): StoredBan {
  return {
    id: String(item.id),
    scope: item.scope as BanScope,
    email: (item.email as string | null | undefined) ?? null,
    commentId: String(item.commentId),
    reason: String(item.reason ?? ''),
    actor: String(item.actor),
    createdAt: String(item.createdAt),
    expiresAt: (item.endsAt as string | null | undefined) ?? null,
    emailHash: (item.emailHash as string | null | undefined) ?? null,
    addressHash: (item.addressHash as string | null | undefined) ?? null,
  };
}

function markerKeys(ban: Pick<StoredBan, 'id' | 'emailHash' | 'addressHash'>): ItemKey[] {
  return [
    ...(ban.emailHash ? [keys.banMarker('email', ban.emailHash, ban.id)] : []),
    ...(ban.addressHash ? [keys.banMarker('address', ban.addressHash, ban.id)] : []),
  ];
}

export async function putBan({ db, tables }: StoreContext, ban: StoredBan): Promise<void> {
  const item = banItem(ban);
  const puts = [keys.ban(ban.id), ...markerKeys(ban)].map((Key, i) => ({
    Put: { TableName: tables.private, Item: { ...item, ...Key, type: i === 0 ? ITEM_TYPE.ban : ITEM_TYPE.banMarker } },
  }));
  await db.send(new TransactWriteCommand({ TransactItems: puts }));
}

export async function getBan({ db, tables }: StoreContext, id: string): Promise<StoredBan | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tables.private, Key: keys.ban(id) }));
  return Item ? banFromItem(Item) : undefined;
}

export async function listBans({ db, tables }: StoreContext): Promise<StoredBan[]> {
  const bans: StoredBan[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tables.private,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE_KEY.partition.name },
        ExpressionAttributeValues: { ':pk': BANS_PARTITION_KEY },
        ScanIndexForward: false,
        Limit: MAX_LISTED - bans.length,
        ExclusiveStartKey: startKey,
      }),
    );
    bans.push(...(result.Items ?? []).map(banFromItem));
    startKey = result.LastEvaluatedKey;
  } while (startKey && bans.length < MAX_LISTED);
  return bans;
}

export async function findBans(
  ctx: StoreContext,
  subjects: { emailHash: string | null; addressHash: string | null },
): Promise<StoredBan[]> {
  const partitions = [
    ...(subjects.emailHash ? [`${KEY_PREFIX.banned}email:${subjects.emailHash}`] : []),
    ...(subjects.addressHash ? [`${KEY_PREFIX.banned}address:${subjects.addressHash}`] : []),
  ];
  const found = await Promise.all(
    partitions.map(async (partition) => {
      const result = await ctx.db.send(
        new QueryCommand({
          TableName: ctx.tables.private,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TABLE_KEY.partition.name },
          ExpressionAttributeValues: { ':pk': partition },
          Limit: MARKERS_PER_SUBJECT,
          // A ban holds from the moment it is written: the next submission must see it (one read unit, not a half).
          ConsistentRead: true,
        }),
      );
      return (result.Items ?? []).map(banFromItem);
    }),
  );
  const byId = new Map(found.flat().map((ban) => [ban.id, ban]));
  return [...byId.values()];
}

export async function deleteBan({ db, tables }: StoreContext, ban: StoredBan): Promise<void> {
  const deletes = [keys.ban(ban.id), ...markerKeys(ban)].map((Key) => ({ Delete: { TableName: tables.private, Key } }));
  await db.send(new TransactWriteCommand({ TransactItems: deletes }));
}

/** The bans port. */
export const dynamoDbBanStore = (ctx: StoreContext): BanStore => ({
  putBan: (ban) => putBan(ctx, ban),
  getBan: (id) => getBan(ctx, id),
  listBans: () => listBans(ctx),
  findBans: (subjects) => findBans(ctx, subjects),
  deleteBan: (ban) => deleteBan(ctx, ban),
});
