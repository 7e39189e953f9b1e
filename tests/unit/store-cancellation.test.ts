/**
 * How the DynamoDB store reads a cancelled transaction, for the reasons
 * DynamoDB Local seldom produces (a conflict with a transaction in flight, a
 * throttled item). The fake DynamoDB answers per item, by what the item is
 * (its key), never by its position, so these cases hold wherever the store
 * places an item in its transaction.
 */
import { GetCommand, TransactWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient, TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoDbStores } from '../../lambda/adapters/dynamodb/stores';
import { type ItemKey, keys } from '../../lambda/adapters/dynamodb/items';
import { TABLE_KEY } from '../../lambda/adapters/dynamodb/schema';
import type { Comment, Contact } from '../../lambda/domain/comment';
import type { NewCommentRecord } from '../../lambda/domain/ports/store-records';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const dynamodb = mockClient(db);
const store = dynamoDbStores(db, { comments: 'Comments', private: 'Private' });
afterEach(() => dynamodb.reset());

type Item = NonNullable<NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number]>;
const keyOf = (item: Item) => {
  const op = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
  const key = (item.Put ? item.Put.Item : (op as { Key: Record<string, unknown> }).Key) as Record<string, string>;
  return `${key[TABLE_KEY.partition.name]}|${key[TABLE_KEY.sort.name]}`;
};
/** The same text for a key built by the store's own layout. */
const is = (k: ItemKey) => `${k[TABLE_KEY.partition.name]}|${k[TABLE_KEY.sort.name]}`;

/** Cancels every transaction, each item's reason chosen by its key. */
function cancelWith(reasonFor: (key: string) => CancellationReason) {
  dynamodb.on(TransactWriteCommand).callsFake((input: { TransactItems: Item[] }) => {
    throw new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: input.TransactItems.map((item) => reasonFor(keyOf(item))),
    });
  });
}
const NONE: CancellationReason = { Code: 'None' };

const NOW = Date.parse('2030-01-01T00:00:00.000Z');
const comment: Comment = {
  id: 'c1',
  articleId: 'a1',
  parentId: null,
  author: 'Reader',
  url: null,
  comment: 'Text.',
  status: 'approved',
  createdAt: new Date(NOW).toISOString(),
  updatedAt: new Date(NOW).toISOString(),
  version: 1,
  reasons: [],
};
const contact: Contact = { commentId: 'c1', email: 'reader@example.com', emailHash: 'h', guardKeys: ['dup:1', 'dup:2'] };
const record: NewCommentRecord = {
  comment,
  contact,
  history: { at: comment.createdAt, actor: 'system', from: null, to: 'approved', reason: null, rule: null },
  floodKeys: ['flood:email:h', 'flood:ip:9'],
  floodMs: 15_000,
  expiresAt: null,
  firstCommentOfArticle: true,
};

describe('a cancelled submission', () => {
  it('is 429 with the seconds left on the lock that is held, read from its raw old image', async () => {
    cancelWith((key) =>
      key === is(keys.guard('flood:ip:9')) ? { Code: 'ConditionalCheckFailed', Item: { lastAtMs: { N: String(NOW - 5_000) } } } : NONE,
    );
    await expect(store.insertComment(record)).rejects.toMatchObject({ code: 'TooManyRequests', details: { retryAfterSeconds: 10 } });
  });

  it('is 409 Duplicate when a duplicate guard and a flood lock both fail', async () => {
    cancelWith((key) =>
      key === is(keys.guard('dup:2')) || key === is(keys.guard('flood:email:h'))
        ? { Code: 'ConditionalCheckFailed', Item: { lastAtMs: { N: String(NOW) } } }
        : NONE,
    );
    await expect(store.insertComment(record)).rejects.toMatchObject({ code: 'Duplicate' });
  });

  it('is 429 for the whole window when another submission holds a flood lock right now', async () => {
    cancelWith((key) => (key === is(keys.guard('flood:email:h')) ? { Code: 'TransactionConflict' } : NONE));
    await expect(store.insertComment(record)).rejects.toMatchObject({ code: 'TooManyRequests', details: { retryAfterSeconds: 15 } });
  });

  it('is 409 Duplicate when another submission holds a duplicate guard right now', async () => {
    cancelWith((key) => (key === is(keys.guard('dup:1')) ? { Code: 'TransactionConflict' } : NONE));
    await expect(store.insertComment(record)).rejects.toMatchObject({ code: 'Duplicate' });
  });

  it('is written again without the article item when only that conflicted (another first comment recorded it)', async () => {
    const sent: Item[][] = [];
    dynamodb.on(TransactWriteCommand).callsFake((input: { TransactItems: Item[] }) => {
      sent.push(input.TransactItems);
      if (sent.length > 1) return {};
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: input.TransactItems.map((item) =>
          keyOf(item) === is(keys.article('a1')) ? { Code: 'TransactionConflict' } : NONE,
        ),
      });
    });
    await store.insertComment(record);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.map(keyOf)).toContain(is(keys.article('a1')));
    expect(sent[1]!.map(keyOf)).not.toContain(is(keys.article('a1')));
    expect(sent[1]!.map(keyOf)).toContain(is(keys.comment('c1')));
  });

  it('is 503 when an item that is no guard conflicts (the article or the author counts)', async () => {
    cancelWith((key) => (key === is(keys.article('a1')) || key === is(keys.author('h')) ? { Code: 'TransactionConflict' } : NONE));
    await expect(store.insertComment(record)).rejects.toMatchObject({ code: 'ServiceUnavailable' });
  });
});

describe('a cancelled moderation write', () => {
  const spam = {
    comment,
    contact,
    to: 'spam' as const,
    at: new Date(NOW + 1000).toISOString(),
    actor: 'mod',
    reason: null,
    expiresAt: 2_000_000_000,
  };

  it('is 409 with the current version when the private data it re-times was erased meanwhile', async () => {
    cancelWith((key) => (key === is(keys.contact('c1')) ? { Code: 'ConditionalCheckFailed' } : NONE));
    dynamodb.on(GetCommand).resolves({ Item: { ...keys.comment('c1'), ...comment, version: 3 } });
    await expect(store.changeStatus(spam)).rejects.toMatchObject({
      code: 'VersionConflict',
      message: expect.stringContaining('version 3'),
    });
  });

  it('is 404 when the comment is gone by the time the conflict is read', async () => {
    cancelWith((key) => (key === is(keys.comment('c1')) ? { Code: 'TransactionConflict' } : NONE));
    dynamodb.on(GetCommand).resolves({});
    await expect(store.changeStatus(spam)).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('is 503 when DynamoDB throttled an item rather than a writer winning', async () => {
    cancelWith((key) => (key === is(keys.author('h')) ? { Code: 'ThrottlingError' } : NONE));
    await expect(store.deleteComment({ comment, contact, at: spam.at, actor: 'mod' })).rejects.toMatchObject({
      code: 'ServiceUnavailable',
    });
  });
});
