/**
 * The SiteLearner on the service's tables, for callers outside the stream
 * (the importer teaches a site's history through it): the same store, the
 * same model functions and the same day counters as the stream's learner.
 */
import type { StoreContext } from '../adapters/dynamodb/context';
import { DynamoDbTriageStore } from '../adapters/dynamodb/triage-store';
import type { SiteLearner } from '../domain/triage/learning';
import { storeLearner } from '../domain/use-cases/learn-from-decisions';
import { SITE_MODEL_CODEC } from '../domain/use-cases/site-model-codec';

export function dynamoDbSiteLearner(ctx: StoreContext): SiteLearner {
  return storeLearner({ store: new DynamoDbTriageStore(ctx), codec: SITE_MODEL_CODEC });
}
