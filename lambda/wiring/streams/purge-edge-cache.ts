/** The edge-cache purge as deployed: CloudFront invalidations of the changed articles' list paths. */
import { CloudFrontInvalidationPurger } from '../../adapters/cloudfront/invalidation-purger';
import { envOptional, envString } from '../../environment';
import { purgeEdgeCacheOfChanges } from '../../handlers/purge-edge-cache';

let cloudFront: CloudFrontInvalidationPurger | undefined;
function cloudFrontPurger(): CloudFrontInvalidationPurger {
  const distributionId = envOptional('EDGE_DISTRIBUTION_ID');
  if (!distributionId) throw new Error('EDGE_DISTRIBUTION_ID environment variable is not set');
  return (cloudFront ??= new CloudFrontInvalidationPurger(distributionId, envString('EDGE_API_PREFIX')));
}

/** What the stream dispatcher runs when deployed. */
export const onChanges = purgeEdgeCacheOfChanges(cloudFrontPurger);
