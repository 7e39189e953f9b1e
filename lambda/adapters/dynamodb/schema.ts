/**
 * The DynamoDB tables, described once. The CDK stack (lib/) builds the
 * deployed tables from these definitions and the local runtime creates the
 * DynamoDB Local tables from them, so the two cannot drift.
 *
 * No aws-cdk-lib import here: this module is bundled into the Lambdas.
 */

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

const S = (name: string): KeyAttribute => ({ name, type: 'S' });

/** Attributes of a comment that may be published. The public index projects only these. */
export const PUBLIC_COMMENT_ATTRIBUTES = ['id', 'articleId', 'parentId', 'author', 'url', 'comment', 'createdAt'] as const;

/**
 * Public comment data and moderation state. Holds no email address, no hash
 * of one and no client address: those live in the private table.
 */
export const COMMENTS_TABLE = {
  logicalName: 'Comments',
  partitionKey: S('PK'),
  sortKey: S('SK'),
  indexes: [
    // Sparse: only approved comments carry PUB_PK, so a page costs what it returns.
    { indexName: 'published', partitionKey: S('PUB_PK'), sortKey: S('PUB_SK'), include: PUBLIC_COMMENT_ATTRIBUTES },
    // One partition per status; the pending partition is the moderation queue.
    { indexName: 'byStatus', partitionKey: S('STATUS_PK'), sortKey: S('STATUS_SK') },
    // The queue (or any status) of one article.
    { indexName: 'byArticleStatus', partitionKey: S('ART_STATUS_PK'), sortKey: S('STATUS_SK') },
  ],
  timeToLiveAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
} as const satisfies TableDefinition;

/**
 * Personal data: emails, their keyed hashes, client addresses, and the guard
 * items (duplicate and flood) derived from them. Encrypted with a customer
 * managed key in the cloud; the public read function has no access to it.
 */
export const PRIVATE_TABLE = {
  logicalName: 'Private',
  partitionKey: S('PK'),
  sortKey: S('SK'),
  indexes: [{ indexName: 'byEmailHash', partitionKey: S('EMAIL_PK'), sortKey: S('EMAIL_SK') }],
  timeToLiveAttribute: 'expiresAt',
} as const satisfies TableDefinition;

export const TABLES = [COMMENTS_TABLE, PRIVATE_TABLE] as const;

/** Environment variables through which a function learns its table names. */
export const TABLE_ENV = {
  Comments: 'COMMENTS_TABLE',
  Private: 'PRIVATE_TABLE',
} as const;
