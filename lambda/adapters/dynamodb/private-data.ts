/**
 * A comment's private data (its contact item and the duplicate guards it
 * owns) and what the privacy routes do with an email's data.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '../../domain/comment';
import type { ContactRef, Page } from '../../domain/ports/store-records';
import { queryPage } from './bounded-reads';
import type { StoreContext } from './context';
import { contactFromItem, idFromPosition, ITEM_PRESENT, keys } from './items';
import { INDEXES } from './schema';
import { type Tagged, tagged } from './transaction';

export async function getContact({ db, tables }: StoreContext, id: string): Promise<Contact | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tables.private, Key: keys.contact(id) }));
  return Item ? contactFromItem(Item) : undefined;
}

/** One page of the private data under an email hash, oldest first; `since` (ISO time) skips older comments. */
export async function listContactsByEmailHash(
  { db, tables }: StoreContext,
  emailHash: string,
  limit: number,
  after?: string,
  since?: string,
): Promise<Page<ContactRef>> {
  const page = await queryPage(db, {
    table: tables.private,
    index: INDEXES.byEmailHash,
    partition: emailHash,
    from: since,
    limit,
    forward: true,
    after,
    keyAt: (position) => keys.contact(idFromPosition(position)),
  });
  return { items: page.items.map((item) => ({ contact: contactFromItem(item), createdAt: String(item.createdAt) })), last: page.last };
}

/** Deletes of the comment's contact item and the duplicate guards derived from its email and name. */
export function privateDataDeletes(table: string, contact: Contact | undefined): Tagged<'privateData'>[] {
  if (!contact) return [];
  return [keys.contact(contact.commentId), ...contact.guardKeys.map(keys.guard)].map((Key) =>
    tagged('privateData', { Delete: { TableName: table, Key } }),
  );
}

/** Sets or removes the purge time of the comment's existing private items (never creates one). */
export function privateDataExpiry(table: string, contact: Contact, expiresAt: number | null): Tagged<'privateData'>[] {
  return [keys.contact(contact.commentId), ...contact.guardKeys.map(keys.guard)].map((Key) =>
    tagged('privateData', {
      Update: {
        TableName: table,
        Key,
        UpdateExpression: expiresAt === null ? 'REMOVE expiresAt' : 'SET expiresAt = :expiresAt',
        ConditionExpression: ITEM_PRESENT,
        ...(expiresAt === null ? {} : { ExpressionAttributeValues: { ':expiresAt': expiresAt } }),
      },
    }),
  );
}

/**
 * Deletes private data whose comment is gone already (purged by TTL first), with its guards.
 * These deletes have no conditions, so there is no cancellation to decode: a failure propagates as the SDK's error.
 */
export async function deleteContact({ db, tables }: StoreContext, contact: Contact): Promise<void> {
  const deletes = privateDataDeletes(tables.private, contact);
  await db.send(new TransactWriteCommand({ TransactItems: deletes.map((entry) => entry.item) }));
}

/** Removes what is left of an email once its comments are erased: its counts, its subscriber record and the given guard items. */
export async function forgetAuthor({ db, tables }: StoreContext, emailHash: string, guardKeys: readonly string[]): Promise<void> {
  const deletes = [keys.author(emailHash), keys.subscriber(emailHash), ...guardKeys.map(keys.guard)].map((Key) => ({
    Delete: { TableName: tables.private, Key },
  }));
  await db.send(new TransactWriteCommand({ TransactItems: deletes }));
}
