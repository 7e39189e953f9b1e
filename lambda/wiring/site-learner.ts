/**
 * The site learner's wiring: the stream learner's store and model functions,
 * and the SiteLearner on the service's tables for callers outside the stream
 * (the importer teaches a site's history through it), with the same store,
 * model functions and day counters.
 */
import type { StoreContext } from '../adapters/dynamodb/context';
import { DynamoDbTriageStore } from '../adapters/dynamodb/triage-store';
import type { SiteLearner } from '../domain/triage/learning';
import { storeLearner } from '../domain/use-cases/learn-from-decisions';
import { SITE_MODEL_CODEC } from '../domain/use-cases/site-model-codec';
import { triageStore } from './triage';

export function dynamoDbSiteLearner(ctx: StoreContext): SiteLearner {
  return storeLearner({ store: new DynamoDbTriageStore(ctx), codec: SITE_MODEL_CODEC });
}

/** The stream learner's store and model functions. */
export const deployedLearner = () => ({ store: triageStore(), codec: SITE_MODEL_CODEC });
