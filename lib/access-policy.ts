/**
 * Turns a route's `access` list (lambda/routes.ts) into IAM statements that
 * name only the actions and the exact table, index, key and secret ARNs the
 * function uses. No `dynamodb:*`, no Scan, no wildcard resources; a
 * transaction needs only the per-item actions of the items it writes.
 */
import { Aws } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { KEY_PREFIX, keys, TRIAGE_PARTITION_KEY } from '../lambda/adapters/dynamodb/items';
import { COMMENTS_TABLE, INDEXES, PRIVATE_TABLE, TABLE_KEY, type TableDefinition } from '../lambda/adapters/dynamodb/schema';
import type { Access } from '../lambda/routes';

export interface AccessTargets {
  comments: Table;
  private: Table;
  privateKey: IKey;
  hashKeySecret: ISecret;
  cursorKeySecret: ISecret;
  /** The rights to call the enabled classifier providers (none with only builtin). */
  classifierStatements: PolicyStatement[];
}

const READ_ITEMS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const WRITE_ITEMS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];

/** The ARN of one index, checked against the table it is granted on, so an index moved to the other table fails synth, not production. */
function indexArn(table: Table, definition: TableDefinition, { indexName }: { indexName: string }): string {
  if (!definition.indexes.some((i) => i.indexName === indexName)) {
    throw new Error(`${definition.logicalName} has no index "${indexName}" in schema.ts`);
  }
  return `${table.tableArn}/index/${indexName}`;
}

/** The key may be used only through DynamoDB, never directly. */
const viaDynamoDb = () => ({ StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.${Aws.URL_SUFFIX}` } });

export function statementsFor(access: readonly Access[], t: AccessTargets): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const allow = (sid: string, actions: string[], resources: string[], conditions?: Record<string, unknown>) =>
    statements.push(new PolicyStatement({ sid, effect: Effect.ALLOW, actions, resources, conditions }));

  for (const grant of new Set(access)) {
    switch (grant) {
      case 'published:query':
        allow('QueryPublishedComments', ['dynamodb:Query'], [indexArn(t.comments, COMMENTS_TABLE, INDEXES.published)]);
        break;
      case 'articles:read':
        // Only items whose partition key is an article's or the settings': never a comment or its history.
        allow('ReadArticleSettings', ['dynamodb:GetItem'], [t.comments.tableArn], {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${KEY_PREFIX.article}*`, keys.settings()[TABLE_KEY.partition.name]] },
        });
        break;
      case 'counts:read':
        // Only the counter items: their partition keys all start with COUNT#.
        allow('ReadPublishedCounts', ['dynamodb:BatchGetItem'], [t.comments.tableArn], {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${KEY_PREFIX.publishedCount}*`] },
        });
        break;
      case 'comments:read':
        allow('ReadComments', READ_ITEMS, [
          t.comments.tableArn,
          indexArn(t.comments, COMMENTS_TABLE, INDEXES.byStatus),
          indexArn(t.comments, COMMENTS_TABLE, INDEXES.byRisk),
          indexArn(t.comments, COMMENTS_TABLE, INDEXES.byArticleStatus),
          indexArn(t.comments, COMMENTS_TABLE, INDEXES.reported),
        ]);
        break;
      case 'comments:write':
        allow('WriteComments', WRITE_ITEMS, [t.comments.tableArn]);
        break;
      case 'private:read':
        allow('ReadPrivate', READ_ITEMS, [t.private.tableArn, indexArn(t.private, PRIVATE_TABLE, INDEXES.byEmailHash)]);
        allow('DecryptPrivate', ['kms:Decrypt', 'kms:DescribeKey'], [t.privateKey.keyArn], viaDynamoDb());
        break;
      case 'private:write':
        allow('WritePrivate', WRITE_ITEMS, [t.private.tableArn]);
        allow(
          'EncryptPrivate',
          ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          [t.privateKey.keyArn],
          viaDynamoDb(),
        );
        break;
      case 'queue:oldest':
        // The scheduled queue-age reading: that one Query, on that one index, nothing else of the table.
        allow('QueryModerationIndex', ['dynamodb:Query'], [indexArn(t.comments, COMMENTS_TABLE, INDEXES.byStatus)]);
        break;
      case 'triage:read':
        // The site's model and the daily counters share one partition: nothing else of the table.
        allow('ReadTriageItems', ['dynamodb:GetItem', 'dynamodb:Query'], [t.comments.tableArn], {
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [TRIAGE_PARTITION_KEY] },
        });
        break;
      case 'triage:write':
        allow('WriteTriageItems', ['dynamodb:PutItem', 'dynamodb:UpdateItem'], [t.comments.tableArn], {
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [TRIAGE_PARTITION_KEY] },
        });
        break;
      case 'secret:hashKey':
        allow('ReadHashKey', ['secretsmanager:GetSecretValue'], [t.hashKeySecret.secretArn]);
        break;
      case 'secret:cursorKey':
        allow('ReadCursorKey', ['secretsmanager:GetSecretValue'], [t.cursorKeySecret.secretArn]);
        break;
      case 'classifiers':
        statements.push(...t.classifierStatements);
        break;
      default:
        throw new Error(`no IAM mapping for access "${grant satisfies never}"`);
    }
  }
  return statements;
}

/** The environment variables that carry the secret ARNs, for the functions allowed to read them. */
export function secretEnvironment(access: readonly Access[], t: AccessTargets): Record<string, string> {
  return {
    ...(access.includes('secret:hashKey') ? { HASH_KEY_SECRET_ARN: t.hashKeySecret.secretArn } : {}),
    ...(access.includes('secret:cursorKey') ? { CURSOR_KEY_SECRET_ARN: t.cursorKeySecret.secretArn } : {}),
  };
}
