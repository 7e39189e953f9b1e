/**
 * The real CommentService on DynamoDB Local, wired to a metered document
 * client, with the settings and article caches of a deployed function
 * (SETTINGS_CACHE_SECONDS' default): a fresh service is a cold function, the
 * same one again within the cache time a warm one.
 */
import { dynamoDbStores } from '../lambda/adapters/dynamodb/stores';
import { DynamoDbTriageStore } from '../lambda/adapters/dynamodb/triage-store';
import { CommentService } from '../lambda/domain/comment-service';
import { CursorCodec } from '../lambda/domain/cursor';
import { KeyedHasher } from '../lambda/domain/keyed-hash';
import { LearnedTriage } from '../lambda/domain/triage/learned-triage';
import { DEFAULT_SETTINGS_CACHE_SECONDS } from '../lambda/wiring/settings';
import type { TableNames } from './data';
import { CapacityMeter, instrument, localDocumentClient } from './instrumented-client';
import type { TransactionShadow } from './transaction-cost';

export interface MeteredService {
  service: CommentService;
  meter: CapacityMeter;
}

export function meteredService(
  endpoint: string,
  tables: TableNames,
  labels: Record<string, string>,
  shadow?: TransactionShadow,
): MeteredService {
  const meter = new CapacityMeter();
  const db = instrument(localDocumentClient(endpoint), meter, { labels, shadow });
  const service = new CommentService({
    store: dynamoDbStores(db, tables),
    hasher: new KeyedHasher('benchmark-hash-key-0123456789'),
    cursors: new CursorCodec(new KeyedHasher('benchmark-cursor-key-0123456789')),
    settingsCacheMs: DEFAULT_SETTINGS_CACHE_SECONDS * 1000,
    // As deployed: the learned triage scores every submission, its site model reused for the settings cache time.
    triage: new LearnedTriage(new DynamoDbTriageStore({ db, tables }), { cacheMs: DEFAULT_SETTINGS_CACHE_SECONDS * 1000 }),
  });
  return { service, meter };
}

let submissions = 0;
/** A valid submission, distinct each time (so no duplicate guard trips), from its own address. */
export function submission(articleId: string) {
  submissions += 1;
  const n = `${process.pid}-${submissions}-${Date.now().toString(36)}`;
  return {
    articleId,
    input: {
      comment: `A benchmark comment, number ${n}, of a typical short length for a news site.`,
      author: `Bench Reader ${n}`,
      email: `bench.${n}@example.com`,
      url: '',
    },
    clientIp: `198.51.100.${submissions % 250}`,
  };
}
