/**
 * The DynamoDB tables, described once. The CDK stack (lib/) builds the
 * deployed tables from these definitions and the local runtime creates the
 * DynamoDB Local tables from them, so the two cannot drift.
 *
 * No aws-cdk-lib import here: this module is bundled into the Lambdas.
 */
import type { VariableName } from '../../environment';

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  /** `undefined` = project ALL attributes; a list = INCLUDE only these. */
  include?: readonly string[];
}

export interface TableDefinition {
  /** Logical name: the CDK construct id and the local table name. */
  logicalName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  indexes: readonly IndexDefinition[];
  timeToLiveAttribute?: string;
  /** New images go to a stream (moderator notifications). */
  stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
}

const S = <Name extends string>(name: Name) => ({ name, type: 'S' }) as const satisfies KeyAttribute;

/** The primary key of both tables: a partition key and a sort key, named once. */
export const TABLE_KEY = { partition: S('PK'), sort: S('SK') } as const;

/** Attributes of a comment that may be published. The public index projects only these. */
export const PUBLIC_COMMENT_ATTRIBUTES = ['id', 'articleId', 'parentId', 'author', 'url', 'comment', 'createdAt'] as const;

/**
 * Every secondary index, named once: the store queries them, the stack grants
 * them (lib/access-policy.ts) and the benchmark reads them by these names.
 */
export const INDEXES = {
  // Sparse: only approved comments carry PUB_PK, so a page costs what it returns.
  published: { indexName: 'published', partitionKey: S('PUB_PK'), sortKey: S('PUB_SK'), include: PUBLIC_COMMENT_ATTRIBUTES },
  // One partition per status; the pending partition is the moderation queue.
  byStatus: { indexName: 'byStatus', partitionKey: S('STATUS_PK'), sortKey: S('STATUS_SK') },
  // One status by the classifiers' highest score (sort=risk); shares the status partition key.
  byRisk: { indexName: 'byRisk', partitionKey: S('STATUS_PK'), sortKey: S('RISK_SK') },
  // The queue (or any status) of one article.
  byArticleStatus: { indexName: 'byArticleStatus', partitionKey: S('ART_STATUS_PK'), sortKey: S('STATUS_SK') },
  // Sparse: only comments reported since their last approval; one partition, most recently reported last.
  reported: { indexName: 'reported', partitionKey: S('REPORTED_PK'), sortKey: S('REPORTED_SK') },
  // A reader's private data, for privacy export/erase and the auto-approve window.
  byEmailHash: { indexName: 'byEmailHash', partitionKey: S('EMAIL_PK'), sortKey: S('EMAIL_SK') },
} as const satisfies Record<string, IndexDefinition>;

/**
 * Public comment data and moderation state. Holds no email address, no hash
 * of one and no client address: those live in the private table.
 */
export const COMMENTS_TABLE = {
  logicalName: 'Comments',
  partitionKey: TABLE_KEY.partition,
  sortKey: TABLE_KEY.sort,
  indexes: [INDEXES.published, INDEXES.byStatus, INDEXES.byRisk, INDEXES.byArticleStatus, INDEXES.reported],
  timeToLiveAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
} as const satisfies TableDefinition;

/**
 * Personal data: emails, their keyed hashes, keyed hashes of client
 * addresses, the guard items (duplicate and flood) derived from them,
 * readers' report markers and bans. Encrypted with a customer
 * managed key in the cloud; the public read function has no access to it.
 */
export const PRIVATE_TABLE = {
  logicalName: 'Private',
  partitionKey: TABLE_KEY.partition,
  sortKey: TABLE_KEY.sort,
  indexes: [INDEXES.byEmailHash],
  timeToLiveAttribute: 'expiresAt',
} as const satisfies TableDefinition;

export const TABLES = [COMMENTS_TABLE, PRIVATE_TABLE] as const;

/** Environment variables through which a function learns its table names. */
export const TABLE_ENV = {
  Comments: 'COMMENTS_TABLE',
  Private: 'PRIVATE_TABLE',
} as const satisfies Record<string, VariableName>;
