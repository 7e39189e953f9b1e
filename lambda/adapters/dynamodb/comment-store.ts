/**
 * CommentStore on DynamoDB. Every read is a GetItem, a BatchGetItem of a
 * page's keys, or a Query bounded by the page size; every state change is
 * one transaction with conditions, so concurrent writers cannot lose updates.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Comment, Contact, HistoryEntry, ModeratorComment } from '../../domain/comment';
import { toModeratorComment } from '../../domain/comment';
import { duplicateComment, notFound, serviceUnavailable, tooManyRequests, versionConflict } from '../../domain/errors';
import type { AuthorRecord } from '../../domain/policy';
import { DEFAULT_SETTINGS, type ArticleSettings, type SiteSettings } from '../../domain/settings';
import {
  CommentIdTaken,
  type CommentStore,
  type ContactRef,
  type Erasure,
  type NewCommentRecord,
  type Page,
  type StatusChange,
} from '../../ports/comment-store';
import { authorCountUpdate, statusDeltas } from './author-stats';
import { batchGet, queryPage } from './reads';
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

  /** Keeps firstCommentAt, which submissions set concurrently. */
  async putArticle(article: ArticleSettings): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tables.comments,
        Key: keys.article(article.articleId),
        UpdateExpression: 'SET #type = :type, commentsOpen = :open, publishedAt = :published, premoderation = :premoderation',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'article',
          ':open': article.commentsOpen,
          ':published': article.publishedAt,
          ':premoderation': article.premoderation,
        },
      }),
    );
  }

  async insertComment(record: NewCommentRecord): Promise<void> {
    const { comment, contact, history, expiresAt } = record;
    const nowMs = Date.parse(comment.createdAt);
    const purge = expiresAt === null ? {} : { expiresAt };
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tables.comments,
          Item: { ...commentItem(comment), ...purge },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      { Put: { TableName: this.tables.comments, Item: historyItem(comment.id, comment.version, history) } },
      { Put: { TableName: this.tables.private, Item: { ...contactItem(contact, comment), ...purge } } },
      ...contact.guardKeys.map(
        (key): TransactItem => ({
          Put: {
            TableName: this.tables.private,
            Item: { ...keys.guard(key), type: 'duplicate', commentId: comment.id, ...purge },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
      ),
      ...record.floodKeys.map(
        (key): TransactItem => ({
          Put: {
            TableName: this.tables.private,
            // The condition, not TTL, enforces the window (TTL deletes lazily); TTL only tidies up.
            Item: { ...keys.guard(key), type: 'flood', lastAtMs: nowMs, expiresAt: Math.ceil((nowMs + record.floodMs) / 1000) + 3600 },
            ConditionExpression: 'attribute_not_exists(PK) OR lastAtMs <= :cutoff',
            ExpressionAttributeValues: { ':cutoff': nowMs - record.floodMs },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        }),
      ),
    ];
    const counts = authorCountUpdate(this.tables.private, contact.emailHash, statusDeltas(null, comment.status));
    if (counts) items.push(counts);
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
      const guardStart = 3;
      const floodStart = guardStart + contact.guardKeys.length;
      const floodEnd = floodStart + record.floodKeys.length;
      const inRange = (from: number, to: number, code: string) => reasons.some((r, i) => i >= from && i < to && r.Code === code);
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new CommentIdTaken(comment.id);
      // The contract's order: a duplicate is 409 before a flood is 429.
      if (inRange(guardStart, floodStart, 'ConditionalCheckFailed')) throw duplicateComment();
      if (inRange(floodStart, floodEnd, 'ConditionalCheckFailed')) {
        const held = reasons.slice(floodStart, floodEnd).filter((r) => r.Code === 'ConditionalCheckFailed');
        const lastAt = Math.max(...held.map((r) => Number(unwrap(r.Item?.lastAtMs) ?? nowMs)));
        throw tooManyRequests((lastAt + record.floodMs - nowMs) / 1000);
      }
      // Another submission holding the same guard is being written right now: it wins.
      if (inRange(floodStart, floodEnd, 'TransactionConflict')) throw tooManyRequests(record.floodMs / 1000);
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
    const page = await queryPage(this.db, {
      TableName: this.tables.comments,
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

  async listByStatus(query: {
    status: Comment['status'];
    articleId?: string;
    limit: number;
    after?: string;
    newestFirst: boolean;
  }): Promise<Page<ModeratorComment>> {
    const byArticle = query.articleId !== undefined;
    const partition = byArticle
      ? { name: 'ART_STATUS_PK', value: `${query.articleId}#${query.status}` }
      : { name: 'STATUS_PK', value: query.status };
    const page = await queryPage(this.db, {
      TableName: this.tables.comments,
      IndexName: byArticle ? 'byArticleStatus' : 'byStatus',
      KeyConditionExpression: `${partition.name} = :pk`,
      ExpressionAttributeValues: { ':pk': partition.value },
      limit: query.limit,
      forward: !query.newestFirst,
      startKey: query.after
        ? { ...keys.comment(idFromPosition(query.after)), [partition.name]: partition.value, STATUS_SK: query.after }
        : undefined,
      positionAttribute: 'STATUS_SK',
    });
    const comments = page.items.map(commentFromItem);
    const contactItems = await batchGet(
      this.db,
      this.tables.private,
      comments.map((c) => keys.contact(c.id)),
    );
    const contacts = new Map(contactItems.map((item) => [String(item.commentId), contactFromItem(item)]));
    return { items: comments.map((c) => toModeratorComment(c, contacts.get(c.id))), last: page.last };
  }

  async changeStatus(change: StatusChange): Promise<Comment> {
    const { comment, contact, to } = change;
    const next: Comment = { ...comment, status: to, version: comment.version + 1, updatedAt: change.at };
    const set: Record<string, unknown> = {
      status: to,
      version: next.version,
      updatedAt: change.at,
      moderatedBy: change.actor,
      ...indexAttributes(comment, to),
      ...(change.expiresAt === null ? {} : { expiresAt: change.expiresAt }),
    };
    const remove = [...(to === 'approved' ? [] : ['PUB_PK', 'PUB_SK']), ...(change.expiresAt === null ? ['expiresAt'] : [])];
    const update = updateExpression(set, remove);
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tables.comments,
          Key: keys.comment(comment.id),
          UpdateExpression: update.expression,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: { ...update.values, ':expected': comment.version },
        },
      },
      {
        Put: {
          TableName: this.tables.comments,
          Item: historyItem(comment.id, next.version, {
            at: change.at,
            actor: change.actor,
            from: comment.status,
            to,
            reason: change.reason,
            rule: null,
          }),
        },
      },
    ];
    if (contact) {
      // Private data and guards are purged with the comment, never later. Only spam and
      // rejected comments can carry an expiry, so other moves (say, pending -> approved)
      // leave these items alone and cost 6 write units less.
      const expiryMayChange = change.expiresAt !== null || comment.status === 'spam' || comment.status === 'rejected';
      if (expiryMayChange) {
        for (const key of [keys.contact(comment.id), ...contact.guardKeys.map(keys.guard)])
          items.push(this.setExpiry(key, change.expiresAt));
      }
      const counts = authorCountUpdate(this.tables.private, contact.emailHash, statusDeltas(comment.status, to));
      if (counts) items.push(counts);
    }
    await this.transactOrConflict(items, comment.id);
    return next;
  }

  async deleteComment(change: Erasure): Promise<void> {
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
      this.historyPut(comment, comment.version + 1, change, 'deleted'),
      ...this.privateDataDeletes(contact),
    ];
    if (contact) {
      const counts = authorCountUpdate(this.tables.private, contact.emailHash, statusDeltas(comment.status, null));
      if (counts) items.push(counts);
    }
    await this.transactOrConflict(items, comment.id);
  }

  async anonymiseComment(change: Erasure): Promise<Comment> {
    const { comment, contact } = change;
    const next: Comment = { ...comment, author: ANONYMOUS, url: null, version: comment.version + 1, updatedAt: change.at };
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tables.comments,
          Key: keys.comment(comment.id),
          UpdateExpression: 'SET author = :author, #url = :url, version = :next, updatedAt = :at',
          ConditionExpression: 'version = :expected',
          ExpressionAttributeNames: { '#url': 'url' },
          ExpressionAttributeValues: {
            ':author': ANONYMOUS,
            ':url': null,
            ':next': next.version,
            ':at': change.at,
            ':expected': comment.version,
          },
        },
      },
      this.historyPut(comment, next.version, change, 'anonymised'),
      ...this.privateDataDeletes(contact),
    ];
    await this.transactOrConflict(items, comment.id);
    return next;
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

  async listContactsByEmailHash(emailHash: string, limit: number, after?: string, since?: string): Promise<Page<ContactRef>> {
    const page = await queryPage(this.db, {
      TableName: this.tables.private,
      IndexName: 'byEmailHash',
      KeyConditionExpression: since ? 'EMAIL_PK = :pk AND EMAIL_SK >= :since' : 'EMAIL_PK = :pk',
      ExpressionAttributeValues: since ? { ':pk': emailHash, ':since': since } : { ':pk': emailHash },
      limit,
      forward: true,
      startKey: after ? { ...keys.contact(idFromPosition(after)), EMAIL_PK: emailHash, EMAIL_SK: after } : undefined,
      positionAttribute: 'EMAIL_SK',
    });
    return { items: page.items.map((item) => ({ contact: contactFromItem(item), createdAt: String(item.createdAt) })), last: page.last };
  }

  async getComments(ids: readonly string[]): Promise<Map<string, Comment>> {
    const items = await batchGet(this.db, this.tables.comments, ids.map(keys.comment));
    return new Map(items.map((item) => [String(item.id), commentFromItem(item)]));
  }

  async deleteContact(contact: Contact): Promise<void> {
    await this.db.send(new TransactWriteCommand({ TransactItems: this.privateDataDeletes(contact) }));
  }

  async forgetAuthor(emailHash: string, guardKeys: readonly string[]): Promise<void> {
    const items: TransactItem[] = [keys.author(emailHash), ...guardKeys.map(keys.guard)].map((Key) => ({
      Delete: { TableName: this.tables.private, Key },
    }));
    await this.db.send(new TransactWriteCommand({ TransactItems: items }));
  }

  private historyPut(comment: Comment, version: number, change: Erasure, to: HistoryEntry['to']): TransactItem {
    const entry: HistoryEntry = {
      at: change.at,
      actor: change.actor,
      from: comment.status,
      to,
      reason: change.reason ?? null,
      rule: change.rule ?? null,
    };
    return { Put: { TableName: this.tables.comments, Item: historyItem(comment.id, version, entry) } };
  }

  /** The comment's contact item and the duplicate guards derived from its email and name. */
  private privateDataDeletes(contact: Contact | undefined): TransactItem[] {
    if (!contact) return [];
    return [keys.contact(contact.commentId), ...contact.guardKeys.map(keys.guard)].map((Key) => ({
      Delete: { TableName: this.tables.private, Key },
    }));
  }

  /** Sets or removes the purge time of an existing private item (never creates one). */
  private setExpiry(Key: Record<string, string>, expiresAt: number | null): TransactItem {
    return {
      Update: {
        TableName: this.tables.private,
        Key,
        UpdateExpression: expiresAt === null ? 'REMOVE expiresAt' : 'SET expiresAt = :expiresAt',
        ConditionExpression: 'attribute_exists(PK)',
        ...(expiresAt === null ? {} : { ExpressionAttributeValues: { ':expiresAt': expiresAt } }),
      },
    };
  }

  /** Runs a moderation transaction; a failed version condition becomes 409 (or 404 when the comment is gone). */
  private async transactOrConflict(items: TransactItem[], commentId: string): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
      if (!codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) throw serviceUnavailable();
      const current = await this.getComment(commentId);
      if (!current) throw notFound();
      throw versionConflict(current.version);
    }
  }
}

const ANONYMOUS = 'Anonymous';

/** `SET a = :a, ... REMOVE x, y` with placeholder names, for attributes that may be reserved words. */
function updateExpression(set: Record<string, unknown>, remove: readonly string[]) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const assignments = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removals = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  const expression = `SET ${assignments.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`;
  return { expression, names, values };
}

/** Cancellation reasons carry raw attribute values even through the document client. */
function unwrap(value: unknown): unknown {
  if (value && typeof value === 'object' && 'N' in value) return (value as { N: string }).N;
  return value;
}
