/**
 * The flood lock: one item per sender (a keyed hash of the email or the
 * address) that a submission or a report takes in its own transaction. Its
 * condition, not TTL, enforces the window (TTL deletes lazily and only tidies
 * up); a held lock answers its last time so the caller can say when to retry.
 */
import { tooManyRequests } from '../../domain/errors';
import { ITEM_ABSENT, ITEM_TYPE, keys } from './items';
import { type ItemOutcome, numberAttribute, type TransactItem } from './transaction';

/** A spare hour past the window before TTL may remove the lock. */
const TTL_SPARE_SECONDS = 3600;

export function floodLockPut(table: string, key: string, nowMs: number, windowMs: number): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.guard(key),
        type: ITEM_TYPE.floodGuard,
        lastAtMs: nowMs,
        expiresAt: Math.ceil((nowMs + windowMs) / 1000) + TTL_SPARE_SECONDS,
      },
      ConditionExpression: `${ITEM_ABSENT} OR lastAtMs <= :cutoff`,
      ExpressionAttributeValues: { ':cutoff': nowMs - windowMs },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** 429 with the seconds until the latest of the held locks frees. */
export function floodLockHeld<Tag extends string>(held: readonly ItemOutcome<Tag>[], nowMs: number, windowMs: number): Error {
  const lastAt = Math.max(...held.map((lock) => numberAttribute(lock.old, 'lastAtMs') ?? nowMs));
  return tooManyRequests((lastAt + windowMs - nowMs) / 1000);
}
