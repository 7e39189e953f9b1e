/**
 * CommentStore on DynamoDB. Every read is a GetItem, a BatchGetItem of a
 * page's keys, or a Query bounded by the page size; every state change is
 * one transaction with conditions, so concurrent writers cannot lose updates.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Comment, Contact, HistoryEntry, ModeratorComment } from '../../domain/comment';
import { toModeratorComment } from '../../domain/comment';
import { duplicateComment, notFound, serviceUnavailable, tooManyRequests, versionConflict } from '../../domain/errors';
import type { AuthorRecord } from '../../domain/policy';
import { DEFAULT_SETTINGS, type ArticleSettings, type SiteSettings } from '../../domain/settings';
import { CommentIdTaken, type CommentStore, type NewCommentRecord, type Page, type StatusChange } from '../../ports/comment-store';
import {
  commentFromItem,
  commentItem,
  contactFromItem,
  contactItem,
  historyFromItem,
  historyItem,
  idFromPosition,
  indexAttributes,
  keys,
  position,
  publicCommentFromItem,
} from './items';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface TableNames {
  comments: string;
  private: string;
}

export class DynamoDbCommentStore implements CommentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  async getSettings(): Promise<SiteSettings> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tables.comments, Key: keys.settings() }));
    if (!Item) return DEFAULT_SETTINGS;
    const { PK: _pk, SK: _sk, type: _type, ...stored } = Item;
    return { ...DEFAULT_SETTINGS, ...(stored as Partial<SiteSettings>) };
  }

  async getArticle(articleId: string): Promise<ArticleSettings | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tables.comments, Key: keys.article(articleId) }));
    if (!Item) return undefined;
    return {
      articleId,
      commentsOpen: Item.commentsOpen ?? true,
      publishedAt: Item.publishedAt ?? null,
      premoderation: Item.premoderation ?? null,
      firstCommentAt: Item.firstCommentAt ?? null,
    };
  }

  async getAuthorRecord(emailHash: string): Promise<AuthorRecord> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tables.private, Key: keys.author(emailHash) }));
    return { approved: Number(Item?.approved ?? 0), rejected: Number(Item?.rejected ?? 0), spam: Number(Item?.spam ?? 0) };
  }

  async putSettings(settings: SiteSettings, expectedVersion: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tables.comments,
          Item: { ...keys.settings(), type: 'settings', ...settings },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK) OR version = :v' : 'version = :v',
          ExpressionAttributeValues: { ':v': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw versionConflict((await this.getSettings()).version);
      throw error;
    }
  }

  async putArticle(article: ArticleSettings): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tables.comments, Item: { ...keys.article(article.articleId), type: 'article', ...article } }));
  }

  async insertComment(record: NewCommentRecord): Promise<void> {
    const { comment, contact, history } = record;
    const nowMs = Date.parse(comment.createdAt);
    const items: TransactItem[] = [
      { Put: { TableName: this.tables.comments, Item: commentItem(comment), ConditionExpression: 'attribute_not_exists(PK)' } },
      { Put: { TableName: this.tables.comments, Item: historyItem(comment.id, comment.version, history) } },
      { Put: { TableName: this.tables.private, Item: contactItem(contact, comment) } },
      ...contact.guardKeys.map(
        (key): TransactItem => ({
          Put: {
            TableName: this.tables.private,
            Item: { ...keys.guard(key), type: 'duplicate', commentId: comment.id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
      ),
      ...record.floodKeys.map(
        (key): TransactItem => ({
          Put: {
            TableName: this.tables.private,
            // TTL removes the lock eventually; the condition, not TTL, enforces it.
            Item: { ...keys.guard(key), type: 'flood', untilMs: record.floodUntilMs, expiresAt: Math.ceil(record.floodUntilMs / 1000) + 3600 },
            ConditionExpression: 'attribute_not_exists(PK) OR untilMs <= :now',
            ExpressionAttributeValues: { ':now': nowMs },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        }),
      ),
    ];
    if (record.firstCommentOfArticle) {
      items.push({
        Update: {
          TableName: this.tables.comments,
          Key: keys.article(comment.articleId),
          UpdateExpression: 'SET firstCommentAt = if_not_exists(firstCommentAt, :at), #type = :type',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':at': comment.createdAt, ':type': 'article' },
        },
      });
    }

    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const codeOf = (i: number) => reasons[i]?.Code ?? 'None';
      const guardStart = 3;
      const floodStart = guardStart + contact.guardKeys.length;
      const inRange = (from: number, to: number, code: string) => reasons.some((r, i) => i >= from && i < to && r.Code === code);
      if (codeOf(0) === 'ConditionalCheckFailed') throw new CommentIdTaken(comment.id);
      if (inRange(guardStart, floodStart, 'ConditionalCheckFailed')) throw duplicateComment();
      if (inRange(floodStart, floodStart + record.floodKeys.length, 'ConditionalCheckFailed')) {
        const until = Math.max(
          ...reasons.slice(floodStart, floodStart + record.floodKeys.length).map((r) => Number(unwrap(r.Item?.untilMs) ?? record.floodUntilMs)),
        );
        throw tooManyRequests((until - nowMs) / 1000);
      }
      // Another submission holding the same guard is being written right now.
      if (inRange(floodStart, floodStart + record.floodKeys.length, 'TransactionConflict')) throw tooManyRequests(record.floodUntilMs - nowMs > 0 ? (record.floodUntilMs - nowMs) / 1000 : 1);
      if (inRange(guardStart, floodStart, 'TransactionConflict')) throw duplicateComment();
      throw serviceUnavailable();
    }
  }

  async getComment(id: string): Promise<Comment | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tables.comments, Key: keys.comment(id) }));
    return Item ? commentFromItem(Item) : undefined;
  }

  async getContact(id: string): Promise<Contact | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tables.private, Key: keys.contact(id) }));
    return Item ? contactFromItem(Item) : undefined;
  }

  async listPublished(articleId: string, limit: number, after?: string) {
    const page = await this.queryPage({
      IndexName: 'published',
      KeyConditionExpression: 'PUB_PK = :pk',
      ExpressionAttributeValues: { ':pk': articleId },
      limit,
      forward: true,
      startKey: after ? { ...keys.comment(idFromPosition(after)), PUB_PK: articleId, PUB_SK: after } : undefined,
      positionAttribute: 'PUB_SK',
    });
    return { items: page.items.map(publicCommentFromItem), last: page.last };
  }

  async listByStatus(query: { status: Comment['status']; articleId?: string; limit: number; after?: string; newestFirst: boolean }): Promise<Page<ModeratorComment>> {
    const byArticle = query.articleId !== undefined;
    const partition = byArticle ? { name: 'ART_STATUS_PK', value: `${query.articleId}#${query.status}` } : { name: 'STATUS_PK', value: query.status };
    const page = await this.queryPage({
      IndexName: byArticle ? 'byArticleStatus' : 'byStatus',
      KeyConditionExpression: `${partition.name} = :pk`,
      ExpressionAttributeValues: { ':pk': partition.value },
      limit: query.limit,
      forward: !query.newestFirst,
      startKey: query.after ? { ...keys.comment(idFromPosition(query.after)), [partition.name]: partition.value, STATUS_SK: query.after } : undefined,
      positionAttribute: 'STATUS_SK',
    });
    const comments = page.items.map(commentFromItem);
    const contacts = await this.batchGetContacts(comments.map((c) => c.id));
    return { items: comments.map((c) => toModeratorComment(c, contacts.get(c.id))), last: page.last };
  }

  async changeStatus(change: StatusChange): Promise<Comment> {
    const { comment, to } = change;
    const next: Comment = { ...comment, status: to, version: comment.version + 1, updatedAt: change.at };
    const index = indexAttributes(comment, to);
    const set: Record<string, unknown> = { status: to, version: next.version, updatedAt: change.at, moderatedBy: change.actor, ...index };
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': comment.version };
    const assignments = Object.entries(set).map(([name, value], i) => {
      names[`#s${i}`] = name;
      values[`:s${i}`] = value;
      return `#s${i} = :s${i}`;
    });
    const removals = to === 'approved' ? '' : ' REMOVE PUB_PK, PUB_SK';
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tables.comments,
          Key: keys.comment(comment.id),
          UpdateExpression: `SET ${assignments.join(', ')}${removals}`,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      {
        Put: {
          TableName: this.tables.comments,
          Item: historyItem(comment.id, next.version, { at: change.at, actor: change.actor, from: comment.status, to, reason: change.reason, rule: null }),
        },
      },
    ];
    if (change.emailHash) items.push(this.authorCountUpdate(change.emailHash, { [comment.status]: -1, [to]: 1 }));
    await this.transactOrConflict(items, comment.id);
    return next;
  }

  async deleteComment(change: { comment: Comment; contact: Contact | undefined; at: string; actor: string }): Promise<void> {
    const { comment, contact } = change;
    const items: TransactItem[] = [
      {
        Delete: {
          TableName: this.tables.comments,
          Key: keys.comment(comment.id),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': comment.version },
        },
      },
      {
        Put: {
          TableName: this.tables.comments,
          Item: historyItem(comment.id, comment.version + 1, { at: change.at, actor: change.actor, from: comment.status, to: 'deleted', reason: null, rule: null }),
        },
      },
    ];
    if (contact) {
      items.push({ Delete: { TableName: this.tables.private, Key: keys.contact(comment.id) } });
      for (const key of contact.guardKeys) items.push({ Delete: { TableName: this.tables.private, Key: keys.guard(key) } });
      items.push(this.authorCountUpdate(contact.emailHash, { [comment.status]: -1 }));
    }
    await this.transactOrConflict(items, comment.id);
  }

  async getHistory(id: string): Promise<HistoryEntry[]> {
    const entries: HistoryEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tables.comments,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :h)',
          ExpressionAttributeValues: { ':pk': keys.comment(id).PK, ':h': 'H#' },
          ExclusiveStartKey: startKey,
        }),
      );
      entries.push(...(result.Items ?? []).map(historyFromItem));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }

  private authorCountUpdate(emailHash: string, deltas: Record<string, number>): TransactItem {
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const parts = Object.entries(deltas).map(([status, delta], i) => {
      names[`#c${i}`] = status;
      values[`:c${i}`] = delta;
      return `#c${i} :c${i}`;
    });
    return {
      Update: {
        TableName: this.tables.private,
        Key: keys.author(emailHash),
        UpdateExpression: `ADD ${parts.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** Runs a moderation transaction; a failed version condition becomes 409 (or 404 when the comment is gone). */
  private async transactOrConflict(items: TransactItem[], commentId: string): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const first = error.CancellationReasons?.[0]?.Code;
      if (first !== 'ConditionalCheckFailed' && first !== 'TransactionConflict') throw serviceUnavailable();
      const current = await this.getComment(commentId);
      if (!current) throw notFound();
      throw versionConflict(current.version);
    }
  }

  /** One Query of at most limit + 1 items: the extra item only tells whether another page exists. */
  private async queryPage(q: {
    IndexName: string;
    KeyConditionExpression: string;
    ExpressionAttributeValues: Record<string, unknown>;
    limit: number;
    forward: boolean;
    startKey?: Record<string, unknown>;
    positionAttribute: string;
  }): Promise<Page<Record<string, unknown>>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tables.comments,
        IndexName: q.IndexName,
        KeyConditionExpression: q.KeyConditionExpression,
        ExpressionAttributeValues: q.ExpressionAttributeValues,
        ScanIndexForward: q.forward,
        Limit: q.limit + 1,
        ExclusiveStartKey: q.startKey,
      }),
    );
    const items = result.Items ?? [];
    const pageItems = items.slice(0, q.limit);
    const more = items.length > q.limit;
    const lastItem = pageItems[pageItems.length - 1];
    return { items: pageItems, last: more && lastItem ? String(lastItem[q.positionAttribute]) : undefined };
  }

  private async batchGetContacts(ids: string[]): Promise<Map<string, Contact>> {
    const found = new Map<string, Contact>();
    let pending: Record<string, unknown>[] = ids.map((id) => keys.contact(id));
    for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const result = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tables.private]: { Keys: pending } } }));
      for (const item of result.Responses?.[this.tables.private] ?? []) {
        const contact = contactFromItem(item);
        found.set(contact.commentId, contact);
      }
      pending = (result.UnprocessedKeys?.[this.tables.private]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
    if (pending.length > 0) throw serviceUnavailable();
    return found;
  }
}

/** Cancellation reasons carry raw attribute values even through the document client. */
function unwrap(value: unknown): unknown {
  if (value && typeof value === 'object' && 'N' in value) return (value as { N: string }).N;
  return value;
}

export { position };
