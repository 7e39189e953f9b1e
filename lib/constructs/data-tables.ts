/**
 * The DynamoDB tables, built from lambda/adapters/dynamodb/schema.ts: the
 * same definitions the local runtime creates its tables from.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { COMMENTS_TABLE, PRIVATE_TABLE, type KeyAttribute, type TableDefinition } from '../../lambda/adapters/dynamodb/schema';

const attribute = (key: KeyAttribute) => ({ name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER });

const STREAM_VIEW: Record<NonNullable<TableDefinition['stream']>, StreamViewType> = {
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
};

export class DataTables extends Construct {
  readonly comments: Table;
  readonly private: Table;
  /** Encrypts the private table (emails, their hashes, client addresses). */
  readonly privateKey: Key;

  /**
   * `deletionProtection`: off only for a first deploy (`-c deletionProtection=false`), so a failed first create can
   * roll back and delete the tables; the next plain deploy switches it on (docs/deploy.md).
   */
  constructor(scope: Construct, id: string, { deletionProtection }: { deletionProtection: boolean }) {
    super(scope, id);
    this.privateKey = new Key(this, 'PrivateTableKey', {
      description: 'Encrypts the comment service table that holds emails and client addresses',
      enableKeyRotation: true,
      // Losing the key would make the retained table unreadable.
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    this.comments = buildTable(this, COMMENTS_TABLE, deletionProtection);
    this.private = buildTable(this, PRIVATE_TABLE, deletionProtection, this.privateKey);
  }

  /** Every table with its definition, for alarms and tests. */
  get all(): Array<{ definition: TableDefinition; table: Table }> {
    return [
      { definition: COMMENTS_TABLE, table: this.comments },
      { definition: PRIVATE_TABLE, table: this.private },
    ];
  }
}

function buildTable(scope: Construct, definition: TableDefinition, deletionProtection: boolean, key?: Key): Table {
  const table = new Table(scope, definition.logicalName, {
    partitionKey: attribute(definition.partitionKey),
    sortKey: attribute(definition.sortKey),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection,
    // Comments are the product: `cdk destroy` must never take them along.
    removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    timeToLiveAttribute: definition.timeToLiveAttribute,
    stream: definition.stream ? STREAM_VIEW[definition.stream] : undefined,
    ...(key ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: key } : {}),
  });
  for (const index of definition.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey),
      ...(index.include
        ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
        : { projectionType: ProjectionType.ALL }),
    });
  }
  return table;
}
