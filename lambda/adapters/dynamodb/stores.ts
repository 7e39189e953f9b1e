/**
 * Every storage port on one client, as one object: for the code that serves
 * every use case at once (the importer, the benchmark, tests). A deployed
 * function builds only the ports its use case names (lambda/wiring/), so its
 * bundle holds only their code.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbAuthorStore } from './author-stats';
import { dynamoDbBanStore } from './bans';
import { dynamoDbCommentLists, dynamoDbCommentReads } from './comment-reads';
import type { StoreContext, TableNames } from './context';
import { dynamoDbModerationStore } from './moderation';
import { dynamoDbPrivacyStore } from './privacy';
import { dynamoDbReportStore } from './reports';
import { dynamoDbSettingsStore } from './site-settings';
import { dynamoDbSubmissionStore } from './submission';
import { dynamoDbSubscriberStore } from './subscriptions';

export type { TableNames } from './context';

export function dynamoDbStores(db: DynamoDBDocumentClient, tables: TableNames) {
  const ctx: StoreContext = { db, tables };
  return {
    ...dynamoDbSettingsStore(ctx),
    ...dynamoDbSubmissionStore(ctx),
    ...dynamoDbAuthorStore(ctx),
    ...dynamoDbCommentReads(ctx),
    ...dynamoDbCommentLists(ctx),
    ...dynamoDbModerationStore(ctx),
    ...dynamoDbPrivacyStore(ctx),
    ...dynamoDbSubscriberStore(ctx),
    ...dynamoDbReportStore(ctx),
    ...dynamoDbBanStore(ctx),
  };
}

/** The object dynamoDbStores builds: every port at once. */
export type DynamoDbStores = ReturnType<typeof dynamoDbStores>;
