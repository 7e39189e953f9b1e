/** The benchmark's tables on DynamoDB Local: the service's own (by prefix), shadows, and a bare floor table. */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLES } from '../lambda/adapters/dynamodb/schema';
import { ensureTables } from '../scripts/local/tables';
import type { TableNames } from './data';
import type { ShadowTable } from './transaction-cost';

export interface ServiceTables {
  names: TableNames;
  /** Physical name → "Comments" / "Private", for reports. */
  labels: Record<string, string>;
}

export async function serviceTables(endpoint: string, prefix: string): Promise<ServiceTables> {
  const created = await ensureTables(endpoint, prefix);
  const names = { comments: created.Comments!, private: created.Private! };
  return { names, labels: { [names.comments]: 'Comments', [names.private]: 'Private' } };
}

/** Empty copies of the service tables, for costing transactions item by item. */
export async function shadowTables(endpoint: string, real: ServiceTables, prefix: string): Promise<Record<string, ShadowTable>> {
  const shadow = await serviceTables(endpoint, prefix);
  const result: Record<string, ShadowTable> = {};
  for (const table of TABLES) {
    const name = (t: ServiceTables) => (table.logicalName === 'Comments' ? t.names.comments : t.names.private);
    result[name(real)] = { shadow: name(shadow), label: table.logicalName, keyNames: [table.partitionKey.name, table.sortKey.name] };
  }
  return result;
}

/** A table with only PK/SK and no index: what one plain write or query of the same data costs. */
export async function bareTable(endpoint: string, name: string): Promise<string> {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
    }),
  );
  client.destroy();
  return name;
}
