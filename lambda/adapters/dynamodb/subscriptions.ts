/**
 * Reply-notification subscribers (SUB#<emailHash> in the private table) and
 * the guards that bound the mails: one per reply and address (a retried
 * stream batch mails nobody twice) and a daily count per address. Every
 * state change is a single conditional write.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { serviceUnavailable } from '../../domain/errors';
import {
  mailQuotaKey,
  type ReplyMailClaim,
  replyMailKey,
  type Subscriber,
  type SubscriberState,
} from '../../domain/reply-notifications/subscriber';
import type { ReplyMailRequest } from '../../domain/ports/store-records';
import type { StoreContext } from './context';
import { ITEM_ABSENT, ITEM_TYPE, keys } from './items';
import { tagged, transactWrite } from './transaction';
import type { SubscriberStore } from '../../domain/ports/subscriber-store';

export async function getSubscriber({ db, tables }: StoreContext, emailHash: string): Promise<Subscriber | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tables.private, Key: keys.subscriber(emailHash), ConsistentRead: true }));
  if (!Item) return undefined;
  return {
    emailHash: Item.emailHash as string,
    state: Item.state as SubscriberState,
    createdAt: Item.createdAt as string,
    updatedAt: Item.updatedAt as string,
    confirmationSentAt: (Item.confirmationSentAt as string | undefined) ?? null,
    confirmedAt: (Item.confirmedAt as string | undefined) ?? null,
  };
}

/** True when the write's condition held; false when it did not. */
async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export function claimConfirmation({ db, tables }: StoreContext, emailHash: string, at: string, notBefore: string): Promise<boolean> {
  return conditionally(() =>
    db.send(
      new UpdateCommand({
        TableName: tables.private,
        Key: keys.subscriber(emailHash),
        UpdateExpression:
          'SET #state = :pending, confirmationSentAt = :at, updatedAt = :at, emailHash = :hash, #type = :type, createdAt = if_not_exists(createdAt, :at)',
        ConditionExpression: `${ITEM_ABSENT} OR ((#state = :pending OR #state = :unsubscribed) AND (attribute_not_exists(confirmationSentAt) OR confirmationSentAt <= :notBefore))`,
        ExpressionAttributeNames: { '#state': 'state', '#type': 'type' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':unsubscribed': 'unsubscribed',
          ':at': at,
          ':notBefore': notBefore,
          ':hash': emailHash,
          ':type': ITEM_TYPE.subscriber,
        },
      }),
    ),
  );
}

export function setSubscriberState(
  { db, tables }: StoreContext,
  emailHash: string,
  from: readonly (SubscriberState | 'absent')[],
  to: SubscriberState,
  at: string,
): Promise<boolean> {
  const states = from.filter((state): state is SubscriberState => state !== 'absent');
  const conditions = [...(from.includes('absent') ? [ITEM_ABSENT] : []), ...states.map((_, i) => `#state = :from${i}`)];
  if (conditions.length === 0) return Promise.resolve(false);
  return conditionally(() =>
    db.send(
      new UpdateCommand({
        TableName: tables.private,
        Key: keys.subscriber(emailHash),
        UpdateExpression: `SET #state = :to, updatedAt = :at, emailHash = :hash, #type = :type, createdAt = if_not_exists(createdAt, :at)${to === 'confirmed' ? ', confirmedAt = :at' : ''}`,
        ConditionExpression: conditions.join(' OR '),
        ExpressionAttributeNames: { '#state': 'state', '#type': 'type' },
        ExpressionAttributeValues: {
          ':to': to,
          ':at': at,
          ':hash': emailHash,
          ':type': ITEM_TYPE.subscriber,
          ...Object.fromEntries(states.map((state, i) => [`:from${i}`, state])),
        },
      }),
    ),
  );
}

/** Forgets the confirmation mail claimed at `at` (only that one: a later claim stands). */
export async function releaseConfirmation({ db, tables }: StoreContext, emailHash: string, at: string): Promise<void> {
  await conditionally(() =>
    db.send(
      new UpdateCommand({
        TableName: tables.private,
        Key: keys.subscriber(emailHash),
        UpdateExpression: 'REMOVE confirmationSentAt',
        ConditionExpression: 'confirmationSentAt = :at',
        ExpressionAttributeValues: { ':at': at },
      }),
    ),
  );
}

/** Removes the reply's mark and takes one back from the day's count, together; the mark goes even when the count cannot. */
export async function releaseReplyMail({ db, tables }: StoreContext, claim: ReplyMailRequest): Promise<void> {
  const mark = { TableName: tables.private, Key: keys.guard(replyMailKey(claim.replyId, claim.emailHash)) };
  const cancelled = await transactWrite(db, [
    tagged('mark', { Delete: mark }),
    tagged('quota', {
      Update: {
        TableName: tables.private,
        Key: keys.guard(mailQuotaKey(claim.emailHash, claim.day)),
        UpdateExpression: 'ADD mailCount :minusOne',
        ConditionExpression: 'mailCount > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      },
    }),
  ]);
  if (cancelled) await db.send(new DeleteCommand(mark));
}

type ReplyMailTag = 'subscriber' | 'replyMail' | 'quota';

export async function claimReplyMail({ db, tables }: StoreContext, claim: ReplyMailRequest): Promise<ReplyMailClaim> {
  const cancelled = await transactWrite<ReplyMailTag>(db, [
    tagged('subscriber', {
      ConditionCheck: {
        TableName: tables.private,
        Key: keys.subscriber(claim.emailHash),
        ConditionExpression: '#state = :confirmed',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':confirmed': 'confirmed' },
      },
    }),
    tagged('replyMail', {
      Put: {
        TableName: tables.private,
        Item: { ...keys.guard(replyMailKey(claim.replyId, claim.emailHash)), type: ITEM_TYPE.replyMail, expiresAt: claim.expiresAt },
        ConditionExpression: ITEM_ABSENT,
      },
    }),
    tagged('quota', {
      Update: {
        TableName: tables.private,
        Key: keys.guard(mailQuotaKey(claim.emailHash, claim.day)),
        UpdateExpression: 'ADD mailCount :one SET expiresAt = :expiresAt, #type = :type',
        ConditionExpression: `${ITEM_ABSENT} OR mailCount < :limit`,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':limit': claim.limit, ':expiresAt': claim.expiresAt, ':type': ITEM_TYPE.mailQuota },
      },
    }),
  ]);
  if (!cancelled) return 'claimed';
  if (cancelled.has('subscriber')) return 'notConfirmed';
  if (cancelled.has('replyMail')) return 'duplicate';
  if (cancelled.has('quota')) return 'overLimit';
  // A conflict with a concurrent write: the stream batch is retried.
  throw serviceUnavailable();
}

/** The reply-notification port: subscribers and the per-reply and per-day mail claims. */
export const dynamoDbSubscriberStore = (ctx: StoreContext): SubscriberStore => ({
  getSubscriber: (emailHash) => getSubscriber(ctx, emailHash),
  claimConfirmation: (emailHash, at, notBefore) => claimConfirmation(ctx, emailHash, at, notBefore),
  setSubscriberState: (emailHash, from, to, at) => setSubscriberState(ctx, emailHash, from, to, at),
  claimReplyMail: (claim) => claimReplyMail(ctx, claim),
  releaseConfirmation: (emailHash, at) => releaseConfirmation(ctx, emailHash, at),
  releaseReplyMail: (claim) => releaseReplyMail(ctx, claim),
});
