/**
 * DynamoDB stream of the comments table -> the site's model learns from
 * people's decisions, and the Triage page's day counters grow. A failure
 * throws, so the batch is delivered again: nothing acknowledged is lost, and
 * the batch marker keeps a redelivered batch from being applied twice.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { batchIdOf, triageEventsOf } from '../adapters/dynamodb/triage-events';
import { type LearnerDeps, learnFromDecisions } from '../domain/use-cases/learn-from-decisions';
import { logger } from '../shared/observability';

export function learnerConsumer<Model>(deps: () => LearnerDeps<Model>) {
  return async (event: DynamoDBStreamEvent) => {
    const events = triageEventsOf(event);
    if (events.length === 0) return { outcome: 'committed' as const, taught: { approved: 0, rejected: 0, spam: 0 } };
    const result = await learnFromDecisions(deps())(events, batchIdOf(event));
    logger.info('site model taught', { outcome: result.outcome, events: events.length, ...result.taught });
    return result;
  };
}
