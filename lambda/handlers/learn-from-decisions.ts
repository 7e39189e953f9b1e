/**
 * The comments table's stream -> the site's model learns from people's
 * decisions, and the Triage page's day counters grow. A failure throws, so
 * the batch is delivered again: nothing acknowledged is lost, and the batch
 * marker keeps a redelivered batch from being applied twice.
 *
 * Two entry points over one learner: `onChanges` for a dispatcher that
 * decodes the stream once into comment changes, and `handler` for a raw
 * stream event (each record decoded here).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { batchIdOf, type LearnerChange, learnerChangeOf, triageEventOfChange } from '../adapters/dynamodb/triage-events';
import type { TriageEvent } from '../domain/triage/triage-days';
import { type LearnerDeps, learnFromDecisions } from '../domain/use-cases/learn-from-decisions';
import { logger } from '../wiring/observability';
import { deployedLearner } from '../wiring/site-learner';

/** The learner over decoded comment changes. */
export function learnerOnChanges<Model>(deps: () => LearnerDeps<Model>) {
  return async (changes: readonly LearnerChange[]) => {
    const events = changes.map(triageEventOfChange).filter((e): e is TriageEvent => e !== null);
    if (events.length === 0) return { outcome: 'committed' as const, taught: { approved: 0, rejected: 0, spam: 0 } };
    const result = await learnFromDecisions(deps())(events, batchIdOf(changes));
    logger.info('site model taught', { outcome: result.outcome, events: events.length, ...result.taught });
    return result;
  };
}

/** The learner over a raw stream event. */
export function learnerConsumer<Model>(deps: () => LearnerDeps<Model>) {
  const onChanges = learnerOnChanges(deps);
  return (event: DynamoDBStreamEvent) =>
    onChanges((event.Records ?? []).map(learnerChangeOf).filter((c): c is LearnerChange => c !== null));
}

export const onChanges = learnerOnChanges(deployedLearner);
export const handler = learnerConsumer(deployedLearner);
