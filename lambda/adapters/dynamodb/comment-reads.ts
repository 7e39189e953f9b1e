/** Reads of comments: by id, the public list, the moderators' lists and a comment's history. */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  toModeratorComment,
  type Comment,
  type Contact,
  type HistoryEntry,
  type ModeratorComment,
  type PublicComment,
} from '../../domain/comment';
import type { Page, StatusQuery } from '../../domain/ports/store-records';
import { getAuthorRecords } from './author-stats';
import { batchGet, queryPage } from './bounded-reads';
import type { StoreContext } from './context';
import {
  articleStatusPartition,
  commentFromItem,
  contactFromItem,
  historyFromItem,
  idFromPosition,
  keys,
  publicCommentFromItem,
  SORT_KEY,
} from './items';
import { INDEXES, TABLE_KEY } from './schema';
import type { CommentLists } from '../../domain/ports/comment-lists';
import type { CommentReads } from '../../domain/ports/comment-reads';
import { getContact } from './private-data';
import { countPublished } from './published-counts';

export async function getComment({ db, tables }: StoreContext, id: string): Promise<Comment | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tables.comments, Key: keys.comment(id) }));
  return Item ? commentFromItem(Item) : undefined;
}

export async function getComments({ db, tables }: StoreContext, ids: readonly string[]): Promise<Map<string, Comment>> {
  const items = await batchGet(db, tables.comments, ids.map(keys.comment));
  return new Map(items.map((item) => [String(item.id), commentFromItem(item)]));
}

/** An article's approved comments, oldest first, from the sparse public index. */
export async function listPublished(
  { db, tables }: StoreContext,
  articleId: string,
  limit: number,
  after?: string,
): Promise<Page<PublicComment>> {
  const page = await queryPage(db, {
    table: tables.comments,
    index: INDEXES.published,
    partition: articleId,
    limit,
    forward: true,
    after,
    keyAt: (position) => keys.comment(idFromPosition(position)),
  });
  return { items: page.items.map(publicCommentFromItem), last: page.last };
}

/**
 * One status's comments (optionally of one article), each with its email and
 * the email's record: one Query, one BatchGetItem of the page's contacts and
 * one of their emails' counts.
 */
export async function listByStatus({ db, tables }: StoreContext, query: StatusQuery): Promise<Page<ModeratorComment>> {
  const byArticle = query.articleId !== undefined;
  if (byArticle && query.byRisk) throw new Error('the risk order covers a whole status, not one article');
  const page = await queryPage(db, {
    table: tables.comments,
    index: query.byRisk ? INDEXES.byRisk : byArticle ? INDEXES.byArticleStatus : INDEXES.byStatus,
    partition: query.articleId !== undefined ? articleStatusPartition(query.articleId, query.status) : query.status,
    limit: query.limit,
    forward: query.byRisk ? false : !query.newestFirst,
    after: query.after,
    keyAt: (position) => keys.comment(idFromPosition(position)),
  });
  return { items: await moderatorViews({ db, tables }, page.items.map(commentFromItem)), last: page.last };
}

/**
 * One email's comments, newest first: one Query of the private table's email
 * index (its items are the contacts), one BatchGetItem of their comments and
 * one GetItem of the email's counts. A contact whose comment is gone (purged
 * by TTL first) is left out.
 */
export async function listByEmailHash(
  ctx: StoreContext,
  emailHash: string,
  limit: number,
  after?: string,
): Promise<Page<ModeratorComment>> {
  const page = await queryPage(ctx.db, {
    table: ctx.tables.private,
    index: INDEXES.byEmailHash,
    partition: emailHash,
    limit,
    forward: false,
    after,
    keyAt: (position) => keys.contact(idFromPosition(position)),
  });
  const contacts = new Map(page.items.map((item) => [String(item.commentId), contactFromItem(item)]));
  const found = await getComments(ctx, [...contacts.keys()]);
  const comments = [...contacts.keys()].flatMap((id) => found.get(id) ?? []);
  return { items: await withRecords(ctx, comments, contacts), last: page.last };
}

/** The createdAt of the first item of the pending partition: one Query with Limit 1 on byStatus. */
export async function oldestPendingAt({ db, tables }: StoreContext): Promise<string | null> {
  const { indexName, partitionKey } = INDEXES.byStatus;
  const result = await db.send(
    new QueryCommand({
      TableName: tables.comments,
      IndexName: indexName,
      KeyConditionExpression: '#pk = :pending',
      ExpressionAttributeNames: { '#pk': partitionKey.name, '#at': 'createdAt' },
      ExpressionAttributeValues: { ':pending': 'pending' },
      ProjectionExpression: '#at',
      ScanIndexForward: true,
      Limit: 1,
    }),
  );
  const oldest = result.Items?.[0];
  return oldest ? String(oldest.createdAt) : null;
}

/** A page of comments as moderators see them: one BatchGetItem of their contacts, then their emails' records. */
export async function moderatorViews(ctx: StoreContext, comments: Comment[]): Promise<ModeratorComment[]> {
  const contactItems = await batchGet(
    ctx.db,
    ctx.tables.private,
    comments.map((c) => keys.contact(c.id)),
  );
  const contacts = new Map(contactItems.map((item) => [String(item.commentId), contactFromItem(item)]));
  return withRecords(ctx, comments, contacts);
}

export async function withRecords(ctx: StoreContext, comments: Comment[], contacts: Map<string, Contact>): Promise<ModeratorComment[]> {
  const records = await getAuthorRecords(
    ctx,
    [...contacts.values()].map((contact) => contact.emailHash),
  );
  return comments.map((c) => {
    const contact = contacts.get(c.id);
    return toModeratorComment(c, contact, contact && records.get(contact.emailHash));
  });
}

/** Every history entry of a comment, oldest first (it outlives the comment). */
export async function getHistory({ db, tables }: StoreContext, id: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tables.comments,
        KeyConditionExpression: `${TABLE_KEY.partition.name} = :pk AND begins_with(${TABLE_KEY.sort.name}, :h)`,
        ExpressionAttributeValues: { ':pk': keys.comment(id)[TABLE_KEY.partition.name], ':h': SORT_KEY.historyPrefix },
        ExclusiveStartKey: startKey,
      }),
    );
    entries.push(...(result.Items ?? []).map(historyFromItem));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return entries;
}

/** One comment by id: GetItems and a bounded BatchGetItem. */
export const dynamoDbCommentReads = (ctx: StoreContext): CommentReads => ({
  getComment: (id) => getComment(ctx, id),
  getComments: (ids) => getComments(ctx, ids),
  getContact: (id) => getContact(ctx, id),
  getHistory: (id) => getHistory(ctx, id),
});

/** The lists, each a Query bounded by the page, and the per-article counters. */
export const dynamoDbCommentLists = (ctx: StoreContext): CommentLists => ({
  listPublished: (articleId, limit, after) => listPublished(ctx, articleId, limit, after),
  countPublished: (articleIds) => countPublished(ctx, articleIds),
  listByStatus: (query) => listByStatus(ctx, query),
  listByEmailHash: (emailHash, limit, after) => listByEmailHash(ctx, emailHash, limit, after),
  oldestPendingAt: () => oldestPendingAt(ctx),
});
