/**
 * Section 1: capacity per operation. Runs the real CommentService against
 * DynamoDB Local through the metered client and compares each operation
 * with its floor (one plain write of the comment; one query of the page).
 * The service keeps the settings and articles it read for the deployed cache
 * time, so an operation is measured warm (as most requests find a function)
 * and, where the cache changes what it reads, cold too.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../lambda/adapters/dynamodb/items';
import { type IndexDefinition, INDEXES } from '../lambda/adapters/dynamodb/schema';
import { SyntheticComments, fill } from './data';
import { pageFloor, writeFloor, type Floor } from './floor';
import type { Units, Usage } from './instrumented-client';
import { localDocumentClient } from './instrumented-client';
import { meteredService, submission } from './service';
import { ratio } from './stats';
import { bareTable, serviceTables, shadowTables } from './tables';
import { TransactionShadow, type TransactItemCost } from './transaction-cost';

export interface OperationCapacity {
  operation: string;
  description: string;
  calls: Record<string, number>;
  /** DynamoDB round trips one after another (parallel calls count once), as the instrumented client counted them. */
  roundTrips: number;
  readUnits: number;
  writeUnits: number;
  /** What DynamoDB Local itself reported (its transaction accounting differs from AWS's). */
  dynamoDbLocalReported: Units;
  byTarget: Record<string, Units>;
  scannedCount?: number;
  returned?: number;
  floor: Floor;
  /** Units of the floor's kind (write or read) divided by the floor. */
  ratio: number;
  /** Per item of the operation's transaction. */
  breakdown?: TransactItemCost[];
}

const ARTICLE = 'article-capacity';
const PAGE = 50;

export async function measureCapacity(endpoint: string): Promise<OperationCapacity[]> {
  const tables = await serviceTables(endpoint, 'cap_');
  const shadow = new TransactionShadow(localDocumentClient(endpoint), await shadowTables(endpoint, tables, 'capshadow_'));
  const bare = await bareTable(endpoint, 'cap_Floor');
  const raw = localDocumentClient(endpoint);
  const { service, meter } = meteredService(endpoint, tables.names, tables.labels, shadow);

  // 60 approved comments on the article and 60 pending ones: full pages for both lists.
  const synthetic = new SyntheticComments(tables.names, 7);
  const base = Date.UTC(2026, 0, 1);
  await fill(
    raw,
    { from: 0, to: 120 },
    (n) => synthetic.rows(n, { articleId: ARTICLE, status: n < 60 ? 'approved' : 'pending', createdAt: new Date(base + n * 1000) }),
    { concurrency: 4 },
  );

  const storedComment = async (id: string) =>
    (await raw.send(new GetCommand({ TableName: tables.names.comments, Key: keys.comment(id) }))).Item!;
  const rows: OperationCapacity[] = [];
  const row = (operation: string, description: string, usage: Usage, floor: Floor, breakdown = false): OperationCapacity => ({
    operation,
    description,
    calls: usage.calls,
    roundTrips: usage.roundTrips,
    readUnits: usage.readUnits,
    writeUnits: usage.writeUnits,
    dynamoDbLocalReported: usage.reported,
    byTarget: usage.byTarget,
    ...(usage.calls.Query ? { scannedCount: usage.scannedCount, returned: usage.returnedCount } : {}),
    floor,
    ratio: ratio(floor.kind === 'write' ? usage.writeUnits : usage.readUnits, floor.units),
    ...(breakdown ? { breakdown: usage.transactItems } : {}),
  });

  // The article's first comment, on a cold function: it reads the settings and the article, and records when commenting started (one more item).
  const first = await meter.measure(() => service.submit(submission(ARTICLE)));
  const firstFloor = await writeFloor(raw, bare, await storedComment(first.value.body.id), 'one PutItem of the stored comment');
  rows.push(
    row('submitFirstOnArticle', "submit, the article's first comment (default settings, cold function)", first.usage, firstFloor, true),
  );

  const submit = await meter.measure(() => service.submit(submission(ARTICLE)));
  const submitFloor = await writeFloor(raw, bare, await storedComment(submit.value.body.id), 'one PutItem of the stored comment');
  rows.push(row('submit', 'submit a comment (default settings: flood control on, held for moderation)', submit.usage, submitFloor, true));

  const listItems = await pageItems(raw, tables.names.comments, INDEXES.published, ARTICLE);
  const listFloor = await pageFloor(raw, bare, 'FLOOR#list', listItems, `one Query returning the ${PAGE} page items`);
  // A fresh function: the first reader of the article after the cache time also reads the article and the settings.
  const cold = meteredService(endpoint, tables.names, tables.labels);
  const coldList = await cold.meter.measure(() => cold.service.listPublished(ARTICLE, { limit: PAGE }));
  rows.push(
    row('listPageCold', `an article's page of ${PAGE}, first request of a function or after the cache time`, coldList.usage, listFloor),
  );
  const list = await meter.measure(() => service.listPublished(ARTICLE, { limit: PAGE }));
  rows.push(row('listPage', `an article's page of ${PAGE} published comments (warm function)`, list.usage, listFloor));

  const queue = await meter.measure(() => service.listForModeration({ status: 'pending', limit: PAGE }));
  const queueItems = await pageItems(raw, tables.names.comments, INDEXES.byStatus, 'pending');
  rows.push(
    row(
      'queuePage',
      `the moderation queue's page of ${PAGE} (with each comment's email)`,
      queue.usage,
      await pageFloor(raw, bare, 'FLOOR#queue', queueItems, `one Query returning the ${PAGE} page items`),
    ),
  );

  const approve = await meter.measure(() => service.moderate(submit.value.body.id, 'approved', { actor: 'bench-moderator' }));
  rows.push(
    row(
      'approve',
      'approve a pending comment',
      approve.usage,
      await writeFloor(raw, bare, await storedComment(submit.value.body.id), 'one PutItem of the updated comment'),
      true,
    ),
  );

  const victim = await service.submit(submission(ARTICLE));
  const reject = await meter.measure(() => service.moderate(victim.body.id, 'rejected', { actor: 'bench-moderator', reason: 'off topic' }));
  rows.push(
    row(
      'reject',
      'reject a pending comment',
      reject.usage,
      await writeFloor(raw, bare, await storedComment(victim.body.id), 'one PutItem of the updated comment'),
      true,
    ),
  );
  return rows;
}

/** The raw items of a page, as the index returns them. */
async function pageItems(db: ReturnType<typeof localDocumentClient>, table: string, index: IndexDefinition, value: string) {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: index.indexName,
      KeyConditionExpression: `${index.partitionKey.name} = :pk`,
      ExpressionAttributeValues: { ':pk': value },
      Limit: PAGE,
    }),
  );
  return Items ?? [];
}
