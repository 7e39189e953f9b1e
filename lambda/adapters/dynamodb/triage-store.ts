/**
 * The learner's store: the site-model item plus one counter item per day
 * (TRIAGE / DAY#YYYY-MM-DD, expiring DAY_COUNTER_DAYS after its day) and,
 * per stream batch applied, a marker item
 * (TRIAGE / BATCH#id) that expires after the stream's 24-hour retention.
 * A batch's model, counters and marker are one transaction: a crash or a
 * redelivery never counts or teaches a batch twice, and a lost race leaves
 * nothing behind.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { emptyDay, TRIAGE_DAY_FIELDS, type TriageDayCounts } from '../../domain/triage/triage-days';
import type { ModelSummary } from '../../domain/triage/triage-summary';
import type { CommitOutcome, LearningCommit, TriageStore } from '../../domain/ports/triage-store';
import { ITEM_ABSENT, ITEM_TYPE, keys, SORT_KEY, TRIAGE_PARTITION_KEY } from './items';
import { TABLE_KEY } from './schema';
import { DynamoDbSiteModelStore, siteModelSave } from './site-model-store';
import { type Tagged, tagged, transactWrite } from './transaction';

/** A marker outlives the stream's retention (24 h), after which no record can be delivered again. */
const BATCH_MARKER_SECONDS = 2 * 24 * 3600;
/** A 31-day window: the page's 30 days and today. */
const MAX_DAYS = 31;
/** Day counters expire (TTL) this long after their day: the page reads 30 days, the rest is slack for late records. */
export const DAY_COUNTER_DAYS = 90;
const dayExpiry = (day: string) => Math.floor(Date.parse(`${day}T00:00:00.000Z`) / 1000) + DAY_COUNTER_DAYS * 24 * 3600;

type Tag = 'batch' | 'model' | 'head' | 'day';

export class DynamoDbTriageStore extends DynamoDbSiteModelStore implements TriageStore {
  async commit({ model, days, batchId }: LearningCommit): Promise<CommitOutcome> {
    const table = this.ctx.tables.comments;
    const items: Tagged<Tag>[] = [];
    if (batchId) {
      const marker = keys.triageBatch(batchId);
      const expiresAt = Math.floor(Date.now() / 1000) + BATCH_MARKER_SECONDS;
      items.push(
        tagged('batch', {
          Put: { TableName: table, Item: { ...marker, type: ITEM_TYPE.triageBatch, expiresAt }, ConditionExpression: ITEM_ABSENT },
        }),
      );
    }
    if (model) items.push(...siteModelSave(table, model.bytes, model.expected, model.taught));
    for (const [day, counts] of Object.entries(days)) {
      const entries = Object.entries(counts).filter(([, by]) => by);
      if (entries.length === 0) continue;
      const names: Record<string, string> = { '#type': 'type' };
      const values: Record<string, unknown> = { ':type': ITEM_TYPE.triageDay, ':day': day, ':expires': dayExpiry(day) };
      const adds = entries.map(([field, by], i) => {
        names[`#f${i}`] = field;
        values[`:f${i}`] = by;
        return `#f${i} :f${i}`;
      });
      items.push(
        tagged('day', {
          Update: {
            TableName: table,
            Key: keys.triageDay(day),
            UpdateExpression: `SET #type = :type, #day = :day, expiresAt = :expires ADD ${adds.join(', ')}`,
            ExpressionAttributeNames: { ...names, '#day': 'day' },
            ExpressionAttributeValues: values,
          },
        }),
      );
    }
    if (items.length === 0) return 'committed';
    const cancelled = await transactWrite(this.ctx.db, items);
    if (!cancelled) return 'committed';
    if (cancelled.has('batch')) return 'duplicate';
    // A conflict on the model, or another transaction touching the same items at that moment: load and try again.
    if (cancelled.has('model') || cancelled.any('TransactionConflict')) return 'conflict';
    throw new Error(`the learning transaction was cancelled: ${cancelled.outcomes.map((o) => o.code).join(', ')}`);
  }

  async modelSummary(): Promise<ModelSummary | null> {
    const { Item } = await this.ctx.db.send(
      new GetCommand({
        TableName: this.ctx.tables.comments,
        Key: keys.siteModel(),
        // Not the bytes: the page needs only what the learner wrote beside them.
        ProjectionExpression: '#version, savedAt, examples, byOrigin',
        ExpressionAttributeNames: { '#version': 'version' },
      }),
    );
    if (!Item) return null;
    const count = (map: unknown, key: string) => Number((map as Record<string, unknown> | undefined)?.[key] ?? 0);
    return {
      version: Number(Item.version ?? 0),
      savedAt: typeof Item.savedAt === 'string' ? Item.savedAt : null,
      examples: {
        approved: count(Item.examples, 'approved'),
        rejected: count(Item.examples, 'rejected'),
        spam: count(Item.examples, 'spam'),
      },
      byOrigin: {
        moderator: count(Item.byOrigin, 'moderator'),
        audit: count(Item.byOrigin, 'audit'),
        reversal: count(Item.byOrigin, 'reversal'),
        import: count(Item.byOrigin, 'import'),
      },
    };
  }

  async days(from: string, to: string): Promise<Array<{ day: string; counts: TriageDayCounts }>> {
    const { Items = [] } = await this.ctx.db.send(
      new QueryCommand({
        TableName: this.ctx.tables.comments,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': TABLE_KEY.partition.name, '#sk': TABLE_KEY.sort.name },
        ExpressionAttributeValues: {
          ':pk': TRIAGE_PARTITION_KEY,
          ':from': `${SORT_KEY.triageDayPrefix}${from}`,
          ':to': `${SORT_KEY.triageDayPrefix}${to}`,
        },
        Limit: MAX_DAYS,
      }),
    );
    return Items.map((item) => {
      const counts = emptyDay();
      for (const field of TRIAGE_DAY_FIELDS) counts[field] = Number(item[field] ?? 0);
      return { day: String(item.day), counts };
    });
  }
}
