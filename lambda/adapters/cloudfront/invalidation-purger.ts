/**
 * Purges through CloudFront: each article's list path with a trailing `*`,
 * which covers every page (each limit and cursor). CloudFront allows at most
 * 15 wildcard paths in progress at once, so the paths go in invalidations of
 * up to 15, one after another; one refused with TooManyInvalidationsInProgress
 * is retried after a pause, and the chunks already accepted are never sent
 * again (each path is billed: the first 1,000 a month are free, then $0.005).
 */
import { randomUUID } from 'node:crypto';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { articleCachePath, type EdgeCachePurger } from '../../domain/ports/edge-cache-purger';

/** CloudFront's limit on wildcard invalidation paths in progress at one time. */
export const WILDCARD_PATHS_IN_PROGRESS = 15;

export interface PurgeRetry {
  attempts: number;
  /** The first pause; each further one doubles. */
  firstDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY: PurgeRetry = { attempts: 5, firstDelayMs: 2_000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

const isBusy = (error: unknown) => (error as { name?: string } | null)?.name === 'TooManyInvalidationsInProgress';

export class CloudFrontInvalidationPurger implements EdgeCachePurger {
  constructor(
    private readonly distributionId: string,
    /** The API's path under the distribution, e.g. `/api` (the stage name). */
    private readonly apiPrefix: string,
    private readonly client: Pick<CloudFrontClient, 'send'> = new CloudFrontClient({}),
    private readonly retry: PurgeRetry = DEFAULT_RETRY,
  ) {}

  async purgeArticles(articleIds: readonly string[]): Promise<void> {
    const paths = [...new Set(articleIds)].map((id) => articleCachePath(this.apiPrefix, id));
    for (let start = 0; start < paths.length; start += WILDCARD_PATHS_IN_PROGRESS) {
      await this.invalidate(paths.slice(start, start + WILDCARD_PATHS_IN_PROGRESS));
    }
  }

  private async invalidate(paths: string[]): Promise<void> {
    // One reference per chunk: a retry of the same request is not a second invalidation.
    const callerReference = randomUUID();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(
          new CreateInvalidationCommand({
            DistributionId: this.distributionId,
            InvalidationBatch: { CallerReference: callerReference, Paths: { Quantity: paths.length, Items: paths } },
          }),
        );
        return;
      } catch (error) {
        if (!isBusy(error) || attempt >= this.retry.attempts) throw error;
        await this.retry.sleep(this.retry.firstDelayMs * 2 ** (attempt - 1));
      }
    }
  }
}
