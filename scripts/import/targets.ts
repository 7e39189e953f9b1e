/**
 * Where an import writes: the local tables of `npm start` (DynamoDB Local in
 * DATA_DIR, with the local hash key), or with --aws the deployed tables
 * through the normal AWS credential chain. Either way the writes go through
 * the service's own DynamoDB store.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { dynamoDbStores } from '../../lambda/adapters/dynamodb/stores';
import { TABLE_ENV } from '../../lambda/adapters/dynamodb/schema';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import type { SiteLearner } from '../../lambda/domain/triage/learning';
import type { ImportStore } from '../../lambda/domain/use-cases/import-comment';
import { dynamoDbSiteLearner } from '../../lambda/wiring/site-learner';
import { secretKey } from '../../lambda/wiring/keys';
import { startDynamoDbLocal, type DynamoDbLocal } from '../local/dynamodb-local';
import { DYNAMODB_ENDPOINT_FILE, serviceKeys } from '../local/runtime';
import { ensureTables } from '../local/tables';
import { lockDataDir } from './data-dir-lock';

export interface ImportTarget {
  store: ImportStore;
  hasher: KeyedHasher;
  /** Where the comments go, for the summary. */
  description: string;
  /** The site's learned triage, taught the file's past decisions (on the same tables). */
  learner: SiteLearner;
  close(): Promise<void>;
}

export class TargetError extends Error {}

/**
 * The local tables: the running `npm start`'s database when there is one
 * (found through DATA_DIR), DYNAMODB_ENDPOINT when set, otherwise DynamoDB
 * Local started here on DATA_DIR for the length of the import.
 */
export async function localTarget(dataDirOption: string): Promise<ImportTarget> {
  const dataDir = resolve(dataDirOption);
  let own: DynamoDbLocal | undefined;
  let endpoint = process.env.DYNAMODB_ENDPOINT || (await runningEndpoint(dataDir));
  let description = endpoint ? `DynamoDB Local on ${endpoint}` : '';
  let release: (() => void) | undefined;
  if (!endpoint) {
    release = lockDataDir(dataDir, dataDirOption);
    own = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') }).catch((error: unknown) => {
      release?.();
      throw error;
    });
    endpoint = own.endpoint;
    description = `DynamoDB Local on the data in ${dataDirOption}/ (started for this import)`;
  }
  try {
    const tables = await ensureTables(endpoint);
    const db = createDocumentClient(endpoint);
    const names = { comments: tables.Comments!, private: tables.Private! };
    return {
      store: dynamoDbStores(db, names),
      learner: dynamoDbSiteLearner({ db, tables: names }),
      hasher: new KeyedHasher(serviceKeys(dataDir, false).hashKey),
      description,
      close: async () => {
        db.destroy();
        await own?.stop();
        release?.();
      },
    };
  } catch (error) {
    await own?.stop();
    release?.();
    throw error;
  }
}

/** The endpoint `npm start` left in DATA_DIR, if it still answers. */
async function runningEndpoint(dataDir: string): Promise<string | undefined> {
  const file = join(dataDir, DYNAMODB_ENDPOINT_FILE);
  if (!existsSync(file)) return undefined;
  const endpoint = readFileSync(file, 'utf8').trim();
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, socketTimeout: 2_000 },
  });
  try {
    await client.send(new ListTablesCommand({}));
    return endpoint;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

/** The deployed tables (COMMENTS_TABLE, PRIVATE_TABLE) and hash key (HASH_KEY_SECRET_ARN, or HASH_KEY), as the functions get them. */
export async function awsTarget(): Promise<ImportTarget> {
  const missing: string[] = [TABLE_ENV.Comments, TABLE_ENV.Private].filter((name) => !process.env[name]);
  if (!process.env.HASH_KEY && !process.env.HASH_KEY_SECRET_ARN) missing.push('HASH_KEY_SECRET_ARN');
  if (missing.length > 0) {
    throw new TargetError(
      `--aws needs ${missing.join(', ')} in the environment: the deployed functions' settings (docs/import.md, "Importing into the deployed service", gives the one command that prints them).`,
    );
  }
  // The deployed tables, never a local endpoint left in the environment.
  delete process.env.DYNAMODB_ENDPOINT;
  const db = createDocumentClient();
  const hashKey = await secretKey('HASH_KEY');
  const comments = process.env[TABLE_ENV.Comments]!;
  const names = { comments, private: process.env[TABLE_ENV.Private]! };
  return {
    store: dynamoDbStores(db, names),
    learner: dynamoDbSiteLearner({ db, tables: names }),
    hasher: new KeyedHasher(hashKey),
    description: `the deployed tables ${comments} and ${process.env[TABLE_ENV.Private]} (${process.env.AWS_REGION ?? 'default region'})`,
    close: async () => db.destroy(),
  };
}
