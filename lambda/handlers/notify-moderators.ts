/**
 * DynamoDB stream of the comments table -> one digest to moderators per
 * batch of new pending comments. Only INSERTs of comment items with status
 * pending count: spam, approvals and TTL purges (REMOVE events) do not,
 * nor comments an import brought in (old, and possibly thousands).
 * The publisher is injectable: SNS in the cloud, the outbox locally.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { type CommentChange, commentChangesOf } from '../adapters/dynamodb/comment-changes';
import { IMPORT_RULE } from '../domain/imported-comment';
import { buildDigest, type PendingComment } from '../domain/moderator-digest';
import type { NotificationPublisher } from '../domain/ports/notification-publisher';
import { logger } from '../wiring/observability';

/** The new pending comments among a batch's changes (imported ones are old news, possibly thousands). */
export function newPendingComments(changes: readonly CommentChange[]): PendingComment[] {
  return changes
    .filter((c) => c.kind === 'insert' && c.after?.status === 'pending' && !c.after.reasons.some((r) => r.rule === IMPORT_RULE))
    .map(({ after }) => ({
      id: after!.id,
      articleId: after!.articleId,
      author: after!.author,
      comment: after!.comment,
      reasons: after!.reasons,
    }));
}

/** One digest for the batch's new pending comments. */
export function notifyModeratorsOfChanges(publisher: () => NotificationPublisher, consoleUrl?: string) {
  return async (changes: readonly CommentChange[]): Promise<{ notified: number }> => {
    const pending = newPendingComments(changes);
    const digest = buildDigest(pending, consoleUrl);
    if (!digest) return { notified: 0 };
    // A failure throws, so the batch is retried rather than silently lost.
    await publisher().publish({ subject: digest.subject, message: digest.message });
    logger.info('moderators notified', { comments: pending.length, changes: changes.length });
    return { notified: pending.length };
  };
}

/** The same, fed a raw stream event (the local stream reader and the tests). */
export function notifyModerators(publisher: () => NotificationPublisher, consoleUrl?: string) {
  const onChanges = notifyModeratorsOfChanges(publisher, consoleUrl);
  return (event: DynamoDBStreamEvent) => onChanges(commentChangesOf(event));
}
