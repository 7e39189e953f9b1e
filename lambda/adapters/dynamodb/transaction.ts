/**
 * Transactions whose items carry tags. DynamoDB answers a cancelled
 * TransactWriteItems with one reason per item, in the order sent; reading
 * those reasons back through the tags means a caller asks "did a duplicate
 * guard fail?" instead of counting positions, so adding an item anywhere in
 * a transaction cannot shift what a failure is taken to mean.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One item of a transaction and the tag its cancellation reason is read back by. */
export interface Tagged<Tag extends string> {
  tag: Tag;
  item: TransactItem;
}

/** DynamoDB's cancellation codes that the store tells apart; anything else is a service failure. */
export type CancellationCode = 'ConditionalCheckFailed' | 'TransactionConflict' | (string & {});

export interface ItemOutcome<Tag extends string> {
  tag: Tag;
  /** 'None' for an item that did not cause the cancellation. */
  code: CancellationCode;
  /** The item as it was, for conditions sent with ReturnValuesOnConditionCheckFailure (raw attribute values). */
  old?: Record<string, unknown>;
}

/** How a transaction was cancelled, item by item, keyed by tag. */
export class Cancellation<Tag extends string> {
  constructor(readonly outcomes: readonly ItemOutcome<Tag>[]) {}

  /** The items with this tag that failed with `code` (by default, their condition). */
  failed(tag: Tag, code: CancellationCode = 'ConditionalCheckFailed'): ItemOutcome<Tag>[] {
    return this.outcomes.filter((outcome) => outcome.tag === tag && outcome.code === code);
  }

  has(tag: Tag, code: CancellationCode = 'ConditionalCheckFailed'): boolean {
    return this.failed(tag, code).length > 0;
  }

  /** Whether any item, whatever its tag, failed with `code`. */
  any(code: CancellationCode): boolean {
    return this.outcomes.some((outcome) => outcome.code === code);
  }
}

export const tagged = <Tag extends string>(tag: Tag, item: TransactItem): Tagged<Tag> => ({ tag, item });

/** Writes the items as one transaction: null when written, the cancellation when DynamoDB refused it; other errors are thrown. */
export async function transactWrite<Tag extends string>(
  db: DynamoDBDocumentClient,
  items: readonly Tagged<Tag>[],
): Promise<Cancellation<Tag> | null> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items.map((entry) => entry.item) }));
    return null;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    return new Cancellation(
      items.map((entry, i) => ({
        tag: entry.tag,
        code: reasons[i]?.Code ?? 'None',
        old: reasons[i]?.Item as Record<string, unknown> | undefined,
      })),
    );
  }
}

/** A number attribute of an item from a cancellation reason, which carries raw attribute values even through the document client. */
export function numberAttribute(item: Record<string, unknown> | undefined, name: string): number | undefined {
  const value = item?.[name];
  if (value && typeof value === 'object' && 'N' in value) return Number((value as { N: string }).N);
  return value === undefined ? undefined : Number(value);
}
