/** A new comment's ban look-up reads the table strongly consistently, so a ban written a moment ago already holds. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoDbStores } from '../../lambda/adapters/dynamodb/stores';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const dynamodb = mockClient(db);
const store = dynamoDbStores(db, { comments: 'Comments', private: 'Private' });
afterEach(() => dynamodb.reset());

describe('ban look-up of a new comment', () => {
  it('queries the email and the address markers with strongly consistent reads of the table, never an index', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [] });
    expect(await store.findBans({ emailHash: 'e', addressHash: 'a' })).toEqual([]);
    const queries = dynamodb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries).toHaveLength(2);
    for (const query of queries) {
      expect(query.ConsistentRead).toBe(true);
      expect(query.IndexName).toBeUndefined();
      expect(query.TableName).toBe('Private');
    }
  });
});
