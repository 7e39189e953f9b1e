/**
 * A document client that meters DynamoDB capacity. A middleware adds
 * `ReturnConsumedCapacity: INDEXES` to every call that accepts it and
 * records, per call, the command, the units DynamoDB Local reports (table
 * and each index) and the ScannedCount of queries. Wrap any code, e.g. the
 * real CommentService, in `meter.measure()` to get what it consumed.
 *
 * DynamoDB Local's accounting of TransactWriteItems does not follow AWS's
 * rules (it reports 4 units for one small item and 4 for four), so each
 * transaction is also costed by `TransactionShadow`: its items are replayed
 * one by one as plain writes, then priced as AWS documents (two underlying
 * writes per transactional item). `units` holds that figure; `reported`
 * keeps what DynamoDB Local said.
 *
 * Round trips: a call that starts while none of the measured work's calls is
 * in flight starts a new one; calls started alongside (Promise.all) share it.
 * That is how long a request waits on DynamoDB, counted in network hops.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sum } from './stats';
import { parseConsumed, type TransactItemCost, type TransactionShadow } from './transaction-cost';

export interface Units {
  read: number;
  write: number;
}

export interface CallRecord {
  command: string;
  reported: Units;
  /** Units by AWS's pricing rules (equal to `reported` except for transactions). */
  units: Units;
  /** Units per table and per index ("Comments", "Comments/published"), by AWS's rules. */
  byTarget: Record<string, Units>;
  scannedCount?: number;
  count?: number;
  transactItems?: TransactItemCost[];
  /** No other call was in flight when this one started: the request waited one more round trip. */
  startsRoundTrip: boolean;
}

export interface Usage {
  /** Calls by command name, e.g. { Query: 1, BatchGetItem: 1 }. */
  calls: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  reported: Units;
  byTarget: Record<string, Units>;
  /** Summed over the Query/Scan calls. */
  scannedCount: number;
  returnedCount: number;
  transactItems: TransactItemCost[];
  /** Round trips one after another (calls made in parallel count once). */
  roundTrips: number;
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const METERED = new Set([...READS, 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export class CapacityMeter {
  private readonly records: CallRecord[] = [];
  private inFlight = 0;

  /** Marks a call's start; answers whether it starts a new round trip. */
  callStarted(): boolean {
    this.inFlight += 1;
    return this.inFlight === 1;
  }

  callEnded(): void {
    this.inFlight -= 1;
  }

  record(call: CallRecord): void {
    this.records.push(call);
  }

  /** Runs `work` and returns what its DynamoDB calls consumed (run one measurement at a time). */
  async measure<T>(work: () => Promise<T>): Promise<{ value: T; usage: Usage }> {
    const start = this.records.length;
    const value = await work();
    return { value, usage: summarise(this.records.slice(start)) };
  }
}

export function summarise(records: readonly CallRecord[]): Usage {
  const usage: Usage = {
    calls: {},
    readUnits: 0,
    writeUnits: 0,
    reported: { read: 0, write: 0 },
    byTarget: {},
    scannedCount: 0,
    returnedCount: 0,
    transactItems: [],
    roundTrips: 0,
  };
  for (const r of records) {
    if (r.startsRoundTrip) usage.roundTrips += 1;
    usage.calls[r.command] = (usage.calls[r.command] ?? 0) + 1;
    usage.readUnits += r.units.read;
    usage.writeUnits += r.units.write;
    usage.reported.read += r.reported.read;
    usage.reported.write += r.reported.write;
    for (const [target, units] of Object.entries(r.byTarget)) {
      const total = (usage.byTarget[target] ??= { read: 0, write: 0 });
      total.read += units.read;
      total.write += units.write;
    }
    usage.scannedCount += r.scannedCount ?? 0;
    usage.returnedCount += r.count ?? 0;
    usage.transactItems.push(...(r.transactItems ?? []));
  }
  return usage;
}

export interface InstrumentOptions {
  /** Physical table name → label used in reports ("bench_Comments" → "Comments"). */
  labels: Record<string, string>;
  /** Costs transactions by AWS's rules; without it transactions count as reported. */
  shadow?: TransactionShadow;
}

/** A plain document client for DynamoDB Local (no retries hidden from the numbers). */
export function localDocumentClient(endpoint: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Adds the metering middleware to `doc` and returns it. */
export function instrument(doc: DynamoDBDocumentClient, meter: CapacityMeter, options: InstrumentOptions): DynamoDBDocumentClient {
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? '').replace(/Command$/, '');
      if (!METERED.has(command)) return next(args);
      const startsRoundTrip = meter.callStarted();
      try {
        const input: Record<string, unknown> = { ...(args.input as Record<string, unknown>), ReturnConsumedCapacity: 'INDEXES' };
        const transactItems =
          command === 'TransactWriteItems' && options.shadow ? structuredClone(input.TransactItems as unknown[]) : undefined;
        if (transactItems) await options.shadow!.prepare(transactItems);
        const result = await next({ ...args, input });
        meter.record(await callRecord(command, startsRoundTrip, result.output as Record<string, unknown>, transactItems, options));
        return result;
      } finally {
        meter.callEnded();
      }
    },
    { step: 'initialize', name: 'benchCapacityMeter' },
  );
  return doc;
}

async function callRecord(
  command: string,
  startsRoundTrip: boolean,
  output: Record<string, unknown>,
  transactItems: unknown[] | undefined,
  options: InstrumentOptions,
): Promise<CallRecord> {
  const consumed = parseConsumed(output.ConsumedCapacity, options.labels);
  const reportedTotal = sum(consumed.map((c) => c.total));
  const kind = READS.has(command) ? 'read' : 'write';
  const reported: Units = { read: 0, write: 0, [kind]: reportedTotal };
  const call: CallRecord = {
    command,
    startsRoundTrip,
    reported,
    units: reported,
    byTarget: mergeTargets(
      consumed.map((c) => c.byTarget),
      kind,
    ),
  };
  if (typeof output.ScannedCount === 'number') call.scannedCount = output.ScannedCount;
  if (typeof output.Count === 'number') call.count = output.Count;
  if (transactItems) {
    const costs = await options.shadow!.replay(transactItems);
    call.transactItems = costs;
    call.units = { read: 0, write: sum(costs.map((c) => c.awsWriteUnits)) };
    call.byTarget = mergeTargets(
      costs.map((c) => c.awsByTarget),
      'write',
    );
  }
  return call;
}

function mergeTargets(parts: readonly Record<string, number>[], kind: keyof Units): Record<string, Units> {
  const merged: Record<string, Units> = {};
  for (const part of parts) for (const [target, units] of Object.entries(part)) (merged[target] ??= { read: 0, write: 0 })[kind] += units;
  return merged;
}
