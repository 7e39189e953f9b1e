/** Site settings (one versioned item) and per-article settings, in the comments table. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { versionConflict } from '../../domain/errors';
import { type ArticleSettings, DEFAULT_SETTINGS, type SiteSettings, withDefaults } from '../../domain/settings';
import type { StoreContext } from './context';
import { ITEM_ABSENT, ITEM_TYPE, keys } from './items';
import { TABLE_KEY } from './schema';
import type { TransactItem } from './transaction';
import type { SettingsStore } from '../../domain/ports/settings-store';

export async function getSettings({ db, tables }: StoreContext): Promise<SiteSettings> {
  const { Item } = await db.send(new GetCommand({ TableName: tables.comments, Key: keys.settings() }));
  if (!Item) return DEFAULT_SETTINGS;
  const { [TABLE_KEY.partition.name]: _pk, [TABLE_KEY.sort.name]: _sk, type: _type, ...stored } = Item;
  return withDefaults(stored as Partial<SiteSettings>);
}

/** Stores the settings if the stored ones are still at `expectedVersion` (0: none stored yet). */
export async function putSettings(ctx: StoreContext, settings: SiteSettings, expectedVersion: number): Promise<void> {
  try {
    await ctx.db.send(
      new PutCommand({
        TableName: ctx.tables.comments,
        Item: { ...keys.settings(), type: ITEM_TYPE.settings, ...settings },
        ConditionExpression: expectedVersion === 0 ? `${ITEM_ABSENT} OR version = :v` : 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw versionConflict((await getSettings(ctx)).version);
    throw error;
  }
}

export async function getArticle({ db, tables }: StoreContext, articleId: string): Promise<ArticleSettings | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tables.comments, Key: keys.article(articleId) }));
  if (!Item) return undefined;
  return {
    articleId,
    commentsOpen: Item.commentsOpen ?? true,
    publishedAt: Item.publishedAt ?? null,
    premoderation: Item.premoderation ?? null,
    firstCommentAt: Item.firstCommentAt ?? null,
  };
}

/** Keeps firstCommentAt, which submissions set concurrently. */
export async function putArticle({ db, tables }: StoreContext, article: ArticleSettings): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tables.comments,
      Key: keys.article(article.articleId),
      UpdateExpression: 'SET #type = :type, commentsOpen = :open, publishedAt = :published, premoderation = :premoderation',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': ITEM_TYPE.article,
        ':open': article.commentsOpen,
        ':published': article.publishedAt,
        ':premoderation': article.premoderation,
      },
    }),
  );
}

/** The transaction item that records when an article's commenting started (only the first time). */
export function firstCommentUpdate(table: string, articleId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: keys.article(articleId),
      UpdateExpression: 'SET firstCommentAt = if_not_exists(firstCommentAt, :at), #type = :type',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':at': at, ':type': ITEM_TYPE.article },
    },
  };
}

/** The settings port on the comments table. */
export const dynamoDbSettingsStore = (ctx: StoreContext): SettingsStore => ({
  getSettings: () => getSettings(ctx),
  putSettings: (settings, expectedVersion) => putSettings(ctx, settings, expectedVersion),
  getArticle: (articleId) => getArticle(ctx, articleId),
  putArticle: (article) => putArticle(ctx, article),
});
