/**
 * The site's part of the learned model: one item (TRIAGE / MODEL) in the
 * comments table, the encoded bytes in a binary attribute and a version that
 * every save adds one to. A save is a conditional put on the version it
 * loaded, so two learners racing never overwrite each other's examples: the
 * loser is told (false) and loads again. The bytes are the model module's
 * encoding; this store never looks inside them.
 *
 * Beside it, the head (TRIAGE / MODEL#HEAD) holds the version alone and is
 * written in the same transaction. A scoring function checks it each cache
 * time (half a read unit) and reads the model (over 100 KB on a site in use)
 * only when the learner saved a new one.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SiteModelStore } from '../../domain/triage/learning';
import type { StoreContext } from './context';
import { ITEM_ABSENT, ITEM_TYPE, keys } from './items';
import { tagged, transactWrite } from './transaction';

const BYTES_ATTRIBUTE = 'model';
const VERSION_ATTRIBUTE = 'version';

/** The model item as a conditional put: written only if the stored version is still `expected` (null: none stored). */
function siteModelPut(table: string, bytes: Uint8Array, expected: number | null, extra: Record<string, unknown> = {}) {
  return {
    TableName: table,
    Item: {
      ...extra,
      ...keys.siteModel(),
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

/**
 * A save's two writes for one transaction: the model (conditional on `expected`) and its head, which is
 * unconditional as the model's condition guards the pair. `extra` goes on the model item.
 */
export function siteModelSave(table: string, bytes: Uint8Array, expected: number | null, extra: Record<string, unknown> = {}) {
  const head = { ...keys.siteModelHead(), type: ITEM_TYPE.siteModelHead, [VERSION_ATTRIBUTE]: (expected ?? 0) + 1 };
  return [
    tagged('model', { Put: siteModelPut(table, bytes, expected, extra) }),
    tagged('head', { Put: { TableName: table, Item: head } }),
  ] as const;
}

export interface StoredSiteModel {
  bytes: Uint8Array;
  version: number;
}

/** Reads the stored model from its item (undefined: a new site). */
function siteModelFromItem(item: Record<string, unknown> | undefined): StoredSiteModel | null {
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
      new GetCommand({ TableName: this.ctx.tables.comments, Key: keys.siteModel(), ConsistentRead: this.options.consistentRead }),
    );
    return siteModelFromItem(Item);
  }

  async version(): Promise<number | null> {
    const { Item } = await this.ctx.db.send(
      new GetCommand({ TableName: this.ctx.tables.comments, Key: keys.siteModelHead(), ConsistentRead: this.options.consistentRead }),
    );
    return Item ? Number(Item[VERSION_ATTRIBUTE]) : null;
  }

  async save(bytes: Uint8Array, expected: number | null): Promise<boolean> {
    const cancelled = await transactWrite(this.ctx.db, siteModelSave(this.ctx.tables.comments, bytes, expected));
    if (!cancelled) return true;
    if (cancelled.has('model') || cancelled.any('TransactionConflict')) return false;
    throw new Error(`the model's save was cancelled: ${cancelled.outcomes.map((o) => o.code).join(', ')}`);
  }
}
