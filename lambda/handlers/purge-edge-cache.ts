/**
 * DynamoDB stream of the comments table -> purge the edge cache of every
 * article whose public page lost or changed a comment: a published comment
 * rejected, marked spam, deleted (by a moderator, a privacy erasure or TTL)
 * or anonymised. One purge per article per batch, however many of its
 * comments changed (CloudFront's limits: lambda/adapters/cloudfront). New approvals purge nothing: they appear when the
 * cached page expires (s-maxage + stale-while-revalidate).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { type CommentChange, commentChangesOf, type StoredComment } from '../adapters/dynamodb/comment-changes';
import type { EdgeCachePurger } from '../domain/ports/edge-cache-purger';
import { logger } from '../wiring/observability';

/** What readers see of a comment: a change to any of these on a published comment must reach them at once. */
const PUBLIC_FIELDS = ['author', 'url', 'comment', 'parentId'] as const;

const shown = (comment: StoredComment | undefined): comment is StoredComment => comment?.status === 'approved';

/** The articles whose cached public pages show something no longer true. */
export function articlesToPurge(changes: readonly CommentChange[]): string[] {
  const articles = new Set<string>();
  for (const { before, after } of changes) {
    if (!shown(before)) continue;
    const changed = !shown(after) || PUBLIC_FIELDS.some((field) => before[field] !== after[field]);
    if (changed && before.articleId) articles.add(before.articleId);
  }
  return [...articles];
}

export function purgeEdgeCacheOfChanges(purger: () => EdgeCachePurger) {
  return async (changes: readonly CommentChange[]): Promise<{ purged: string[] }> => {
    const articles = articlesToPurge(changes);
    // A failure throws, so the batch is retried: a removed comment must not stay cached.
    if (articles.length > 0) await purger().purgeArticles(articles);
    if (articles.length > 0) logger.info('edge cache purged', { articles: articles.length, changes: changes.length });
    return { purged: articles };
  };
}

/** The same, fed a raw stream event (the local stream reader and the tests). */
export function purgeEdgeCache(purger: () => EdgeCachePurger) {
  const onChanges = purgeEdgeCacheOfChanges(purger);
  return (event: DynamoDBStreamEvent) => onChanges(commentChangesOf(event));
}
