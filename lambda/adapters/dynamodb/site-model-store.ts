/**
 * The site's part of the learned model: one item (TRIAGE / MODEL) in the
 * comments table, the encoded bytes in a binary attribute and a version that
 * every save adds one to. A save is a conditional put on the version it
 * loaded, so two learners racing never overwrite each other's examples: the
 * loser is told (false) and loads again. The bytes are the model module's
 * encoding; this store never looks inside them.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SiteModelStore } from '../../domain/triage/learning';
import type { StoreContext } from './context';
import { ITEM_ABSENT, ITEM_TYPE, keys } from './items';

const BYTES_ATTRIBUTE = 'model';
const VERSION_ATTRIBUTE = 'version';

/** The model item as a conditional put: written only if the stored version is still `expected` (null: none stored). */
export function siteModelPut(table: string, bytes: Uint8Array, expected: number | null, extra: Record<string, unknown> = {}) {
  return {
    TableName: table,
    Item: {
      ...extra,
      ...siteModelKey(),
      type: ITEM_TYPE.siteModel,
      [BYTES_ATTRIBUTE]: bytes,
      [VERSION_ATTRIBUTE]: (expected ?? 0) + 1,
      savedAt: new Date().toISOString(),
    },
    ConditionExpression: expected === null ? ITEM_ABSENT : '#version = :expected',
    ExpressionAttributeNames: expected === null ? undefined : { '#version': VERSION_ATTRIBUTE },
    ExpressionAttributeValues: expected === null ? undefined : { ':expected': expected },
  };
}

export interface StoredSiteModel {
  bytes: Uint8Array;
  version: number;
}

/** The key to fetch, for a caller that batches it with other items (e.g. the settings). */
export const siteModelKey = () => keys.siteModel();

/** Reads the stored model from its item as GetItem or BatchGetItem returns it (undefined: a new site). */
export function siteModelFromItem(item: Record<string, unknown> | undefined): StoredSiteModel | null {
  const bytes = item?.[BYTES_ATTRIBUTE];
  if (!(bytes instanceof Uint8Array)) return null;
  return { bytes, version: Number(item?.[VERSION_ATTRIBUTE] ?? 0) };
}

export class DynamoDbSiteModelStore implements SiteModelStore {
  /**
   * `consistentRead`: a learner must build on the latest save, or its
   * conditional write fails for nothing (the default); a scoring function
   * may read a second-old model at half the read units.
   */
  constructor(
    protected readonly ctx: StoreContext,
    private readonly options: { consistentRead: boolean } = { consistentRead: true },
  ) {}

  async load(): Promise<StoredSiteModel | null> {
    const { Item } = await this.ctx.db.send(
      new GetCommand({ TableName: this.ctx.tables.comments, Key: siteModelKey(), ConsistentRead: this.options.consistentRead }),
    );
    return siteModelFromItem(Item);
  }

  async save(bytes: Uint8Array, expected: number | null): Promise<boolean> {
    try {
      await this.ctx.db.send(new PutCommand(siteModelPut(this.ctx.tables.comments, bytes, expected)));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
