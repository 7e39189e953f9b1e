/**
 * Every five minutes (an EventBridge rule): how long the oldest pending
 * comment has waited, as the OldestPendingAge metric (0 when the queue is
 * empty). One Query with Limit 1 on the pending partition of the byStatus
 * index; the function's role allows that Query and nothing else.
 */
import type { CommentLists } from '../domain/ports/comment-lists';
import { pendingQueue } from '../wiring/queue-age';
import { EmfModerationMetrics, logger, metrics } from '../wiring/observability';

/** Whole seconds since `oldestAt` (never negative: clocks differ a little); 0 for an empty queue. */
export function queueAgeSeconds(oldestAt: string | null, now: Date): number {
  if (oldestAt === null) return 0;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(oldestAt)) / 1000));
}

export function queueAgeHandler(
  store: () => Pick<CommentLists, 'oldestPendingAt'>,
  emitter: Pick<EmfModerationMetrics, 'oldestPendingAge'>,
  now: () => Date = () => new Date(),
) {
  return async (): Promise<{ oldestPendingAt: string | null; ageSeconds: number }> => {
    const oldestPendingAt = await store().oldestPendingAt();
    const ageSeconds = queueAgeSeconds(oldestPendingAt, now());
    emitter.oldestPendingAge(ageSeconds);
    logger.info('queue age', { ageSeconds });
    return { oldestPendingAt, ageSeconds };
  };
}

export const handler = queueAgeHandler(pendingQueue, new EmfModerationMetrics(metrics));
