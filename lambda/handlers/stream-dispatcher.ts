/**
 * The one reader of the comments table's stream: decodes each batch once
 * into comment changes and hands them to every deployed consumer
 * (STREAM_CONSUMERS in ../background-functions.ts; env STREAM_CONSUMERS names
 * the deployed ones). DynamoDB Streams allows two readers per shard, so the
 * consumers share this one.
 *
 * The consumers run side by side; one failing does not stop the others. The
 * batch then fails and the stream retries it, and a consumer that already
 * finished that batch in this execution environment is not run again (no
 * digest or invalidation sent twice by a retry).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { commentChangesOf } from '../adapters/dynamodb/comment-changes';
import { type ChangeHandler, STREAM_CONSUMERS } from '../background-functions';
import { envString } from '../environment';
import { logger } from '../wiring/observability';

export interface LoadedConsumer {
  name: string;
  run: ChangeHandler;
}

/** Batches that failed, with the consumers that had finished them; a retry of the same records skips those. */
const MAX_REMEMBERED_BATCHES = 100;

const batchKey = (event: DynamoDBStreamEvent): string => {
  const records = event.Records ?? [];
  const sequence = (i: number) => records[i]?.dynamodb?.SequenceNumber ?? '';
  return `${records[0]?.eventID ?? ''}:${sequence(0)}-${sequence(records.length - 1)}:${records.length}`;
};

export function streamDispatcher(consumers: () => Promise<readonly LoadedConsumer[]>) {
  const finishedOfFailedBatches = new Map<string, Set<string>>();
  return async (event: DynamoDBStreamEvent): Promise<{ changes: number; consumers: string[] }> => {
    if ((event.Records ?? []).length === 0) return { changes: 0, consumers: [] };
    const changes = commentChangesOf(event);
    const key = batchKey(event);
    const finished = finishedOfFailedBatches.get(key) ?? new Set<string>();
    const due = (await consumers()).filter((c) => !finished.has(c.name));
    const outcomes = await Promise.allSettled(
      due.map(async (consumer) => {
        await consumer.run(changes, event);
        finished.add(consumer.name);
      }),
    );
    const failed = due.filter((_, i) => outcomes[i]!.status === 'rejected');
    if (failed.length === 0) {
      finishedOfFailedBatches.delete(key);
      return { changes: changes.length, consumers: due.map((c) => c.name) };
    }
    finishedOfFailedBatches.set(key, finished);
    if (finishedOfFailedBatches.size > MAX_REMEMBERED_BATCHES) finishedOfFailedBatches.delete(finishedOfFailedBatches.keys().next().value!);
    for (const [i, consumer] of due.entries()) {
      const outcome = outcomes[i]!;
      if (outcome.status === 'rejected')
        logger.error('stream consumer failed', { consumer: consumer.name, error: (outcome.reason as Error)?.name });
    }
    // Thrown, so the stream retries the batch (split in halves to isolate a bad record, then the failure queue).
    throw (outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason;
  };
}

/** The consumers named in `names` (comma-separated), loaded once; an unknown name fails loudly. */
export function consumersNamed(names: string): () => Promise<readonly LoadedConsumer[]> {
  let loaded: Promise<readonly LoadedConsumer[]> | undefined;
  return () =>
    (loaded ??= Promise.all(
      names
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .map(async (name) => {
          const consumer = STREAM_CONSUMERS.find((c) => c.name === name);
          if (!consumer) throw new Error(`STREAM_CONSUMERS names "${name}", which is not in the stream consumer list`);
          return { name, run: await consumer.load() };
        }),
    ));
}

export const handler = streamDispatcher(consumersNamed(envString('STREAM_CONSUMERS')));
