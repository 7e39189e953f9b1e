/**
 * What a TransactWriteItems costs on AWS, measured on DynamoDB Local.
 *
 * AWS: "transactional write requests require 2 write capacity units to
 * perform one write per second for items up to 1 KB" (one prepare and one
 * commit write per item). DynamoDB Local does not report that faithfully, so
 * each item of a transaction is replayed alone, as the equivalent plain
 * Put/Update/Delete, on shadow copies of the tables holding the same prior
 * state. DynamoDB Local reports plain writes correctly (1 unit per KB of the
 * item, plus 1 per KB of its projection in each index it enters or leaves),
 * and the item's AWS cost is 2 × its table units + its index units. Index
 * writes are counted once: the prepare/commit pair is per transaction item,
 * and the index is updated from the committed item as for any write.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemKindOf } from '../lambda/adapters/dynamodb/items';
import { TABLE_KEY } from '../lambda/adapters/dynamodb/schema';
import { itemSize } from './item-size';

export interface TransactItemCost {
  /** What the item is ("comment", "history", "contact", "duplicate", "flood", "article", "author stats"). */
  item: string;
  table: string;
  op: string;
  /** Size of the item after the write (≈, AWS's item size rules). */
  bytes: number;
  /** Units of the equivalent plain write: the table and each index. */
  tableUnits: number;
  indexUnits: Record<string, number>;
  /** 2 × tableUnits + index units. */
  awsWriteUnits: number;
  awsByTarget: Record<string, number>;
}

export interface ConsumedEntry {
  total: number;
  byTarget: Record<string, number>;
}

type Capacity = { CapacityUnits?: number };
type RawConsumed = Capacity & {
  TableName?: string;
  Table?: Capacity;
  GlobalSecondaryIndexes?: Record<string, Capacity>;
  LocalSecondaryIndexes?: Record<string, Capacity>;
};

/** Normalises ConsumedCapacity (an object, or a list for batch and transaction calls). */
export function parseConsumed(raw: unknown, labels: Record<string, string>): ConsumedEntry[] {
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as RawConsumed[];
  return list.map((c) => {
    const label = labels[c.TableName ?? ''] ?? c.TableName ?? '?';
    const byTarget: Record<string, number> = {};
    const add = (target: string, units: number | undefined) => {
      if (units) byTarget[target] = (byTarget[target] ?? 0) + units;
    };
    add(label, c.Table ? c.Table.CapacityUnits : c.CapacityUnits);
    for (const [name, index] of Object.entries({ ...c.GlobalSecondaryIndexes, ...c.LocalSecondaryIndexes }))
      add(`${label}/${name}`, index.CapacityUnits);
    return { total: c.CapacityUnits ?? 0, byTarget };
  });
}

export interface ShadowTable {
  /** Name of the shadow copy (same schema, created empty). */
  shadow: string;
  label: string;
  keyNames: readonly string[];
}

type TransactItem = Record<string, Record<string, unknown>>;

export class TransactionShadow {
  /** `db` must not be instrumented; `tables` maps each real table name to its shadow. */
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tables: Record<string, ShadowTable>,
  ) {}

  /** Copies the current state of every item the transaction touches into the shadow tables. */
  async prepare(items: readonly unknown[]): Promise<void> {
    for (const entry of items as TransactItem[]) {
      const { params, table, key } = this.parts(entry);
      const { Item } = await this.db.send(new GetCommand({ TableName: params.TableName as string, Key: key, ConsistentRead: true }));
      if (Item) await this.db.send(new PutCommand({ TableName: table.shadow, Item }));
      else await this.db.send(new DeleteCommand({ TableName: table.shadow, Key: key }));
    }
  }

  /** Replays each item alone on the shadow tables and prices it by AWS's transaction rule. */
  async replay(items: readonly unknown[]): Promise<TransactItemCost[]> {
    const costs: TransactItemCost[] = [];
    for (const entry of items as TransactItem[]) {
      const { op, params, table, key } = this.parts(entry);
      const input = { ...params, TableName: table.shadow, ReturnConsumedCapacity: 'INDEXES' as const };
      let consumed: unknown;
      if (op === 'Put') consumed = (await this.db.send(new PutCommand(input as never))).ConsumedCapacity;
      else if (op === 'Update') consumed = (await this.db.send(new UpdateCommand(input as never))).ConsumedCapacity;
      else if (op === 'Delete') consumed = (await this.db.send(new DeleteCommand(input as never))).ConsumedCapacity;
      else consumed = { CapacityUnits: 1, Table: { CapacityUnits: 1 } }; // ConditionCheck: priced like a 1 KB write
      const [parsed] = parseConsumed(consumed, { [table.shadow]: table.label });
      const tableUnits = parsed?.byTarget[table.label] ?? 0;
      const indexUnits: Record<string, number> = {};
      for (const [target, units] of Object.entries(parsed?.byTarget ?? {}))
        if (target !== table.label) indexUnits[target.slice(table.label.length + 1)] = units;
      const after = (await this.db.send(new GetCommand({ TableName: table.shadow, Key: key, ConsistentRead: true }))).Item;
      const awsByTarget: Record<string, number> = { [table.label]: 2 * tableUnits };
      for (const [index, units] of Object.entries(indexUnits)) awsByTarget[`${table.label}/${index}`] = units;
      costs.push({
        item: describe(params.Item as Record<string, unknown> | undefined, key),
        table: table.label,
        op,
        bytes: after ? itemSize(after) : 0,
        tableUnits,
        indexUnits,
        awsWriteUnits: 2 * tableUnits + Object.values(indexUnits).reduce((a, b) => a + b, 0),
        awsByTarget,
      });
    }
    return costs;
  }

  private parts(entry: TransactItem) {
    const op = Object.keys(entry)[0]!;
    const params = entry[op]!;
    const table = this.tables[params.TableName as string];
    if (!table) throw new Error(`no shadow table for ${String(params.TableName)}`);
    const source = (op === 'Put' ? params.Item : params.Key) as Record<string, unknown>;
    const key = Object.fromEntries(table.keyNames.map((name) => [name, source[name]]));
    return { op, params, table, key };
  }
}

/** A readable name for a transaction item: its `type`, or what its key says it is. */
function describe(item: Record<string, unknown> | undefined, key: Record<string, unknown>): string {
  if (typeof item?.type === 'string') return item.type;
  return itemKindOf(key) ?? `${String(key[TABLE_KEY.partition.name] ?? '')}/${String(key[TABLE_KEY.sort.name] ?? '')}`;
}
