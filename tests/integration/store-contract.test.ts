/**
 * The store contract (tests/support/store-contract.ts), run against the
 * DynamoDB store on DynamoDB Local (fresh tables for every case) and against
 * the in-memory store, so service tests may use the latter and trust it.
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { dynamoDbStores } from '../../lambda/adapters/dynamodb/stores';
import { ensureTables } from '../../scripts/local/tables';
import { memoryStore } from '../support/memory-store';
import { storeContract } from '../support/store-contract';

storeContract('DynamoDB on DynamoDB Local', async () => {
  const endpoint = inject('dynamoDbEndpoint');
  const names = await ensureTables(endpoint, `sc${randomBytes(4).toString('hex')}_`);
  const db = createDocumentClient(endpoint);
  return {
    store: dynamoDbStores(db, { comments: names.Comments!, private: names.Private! }),
    close: async () => {
      for (const table of Object.values(names)) await db.send(new DeleteTableCommand({ TableName: table }));
      db.destroy();
    },
  };
});

storeContract('in memory', async () => ({ store: memoryStore(), close: async () => {} }));
