/**
 * DynamoDB stream of the comments table -> purge the edge cache of every
 * article whose public page lost or changed a comment: a published comment
 * rejected, marked spam, deleted (by a moderator, a privacy erasure or TTL)
 * or anonymised. One purge per article per batch, however many of its
 * comments changed. New approvals purge nothing: they appear when the
 * cached page expires (s-maxage + stale-while-revalidate).
 */
import type { AttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import { CloudFrontInvalidationPurger } from '../adapters/cloudfront/invalidation-purger';
import type { EdgeCachePurger } from '../ports/edge-cache-purger';
import { logger } from '../shared/observability';
import { envOptional, envString } from '../environment';

type Image = Record<string, AttributeValue>;

/** What readers see of a comment: a change to any of these on a published comment must reach them at once. */
const PUBLIC_FIELDS = ['author', 'url', 'comment', 'parentId'] as const;

const text = (image: Image | undefined, name: string): string | undefined => image?.[name]?.S;
const shown = (image: Image | undefined) => text(image, 'type') === 'comment' && text(image, 'status') === 'approved';

/** The articles whose cached public pages show something no longer true. */
export function articlesToPurge(event: DynamoDBStreamEvent): string[] {
  const articles = new Set<string>();
  for (const record of event.Records ?? []) {
    const before = record.dynamodb?.OldImage as Image | undefined;
    const after = record.dynamodb?.NewImage as Image | undefined;
    if (!shown(before)) continue;
    const changed = !shown(after) || PUBLIC_FIELDS.some((field) => JSON.stringify(before?.[field]) !== JSON.stringify(after?.[field]));
    const articleId = text(before, 'articleId');
    if (changed && articleId) articles.add(articleId);
  }
  return [...articles];
}

export function purgeEdgeCache(purger: () => EdgeCachePurger) {
  return async (event: DynamoDBStreamEvent): Promise<{ purged: string[] }> => {
    const articles = articlesToPurge(event);
    // A failure throws, so the batch is retried: a removed comment must not stay cached.
    await Promise.all(articles.map((articleId) => purger().purgeArticle(articleId)));
    if (articles.length > 0) logger.info('edge cache purged', { articles: articles.length, records: event.Records?.length ?? 0 });
    return { purged: articles };
  };
}

let cloudFront: CloudFrontInvalidationPurger | undefined;
function cloudFrontPurger(): CloudFrontInvalidationPurger {
  const distributionId = envOptional('EDGE_DISTRIBUTION_ID');
  if (!distributionId) throw new Error('EDGE_DISTRIBUTION_ID environment variable is not set');
  return (cloudFront ??= new CloudFrontInvalidationPurger(distributionId, envString('EDGE_API_PREFIX')));
}

export const handler = purgeEdgeCache(cloudFrontPurger);
