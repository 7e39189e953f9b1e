/**
 * Purges through CloudFront: one CreateInvalidation of the article's list
 * path with a trailing `*`, which covers every page (each limit and cursor).
 * A wildcard path is billed as one path: the first 1,000 a month are free,
 * then $0.005 each.
 */
import { randomUUID } from 'node:crypto';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { articleCachePath, type EdgeCachePurger } from '../../ports/edge-cache-purger';

export class CloudFrontInvalidationPurger implements EdgeCachePurger {
  constructor(
    private readonly distributionId: string,
    /** The API's path under the distribution, e.g. `/api` (the stage name). */
    private readonly apiPrefix: string,
    private readonly client = new CloudFrontClient({}),
  ) {}

  async purgeArticle(articleId: string): Promise<void> {
    await this.client.send(
      new CreateInvalidationCommand({
        DistributionId: this.distributionId,
        InvalidationBatch: {
          CallerReference: `${articleId}-${randomUUID()}`,
          Paths: { Quantity: 1, Items: [articleCachePath(this.apiPrefix, articleId)] },
        },
      }),
    );
  }
}
