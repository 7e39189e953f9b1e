/**
 * DynamoDB stream of the comments table -> one digest to moderators per
 * batch of new pending comments. Only INSERTs of comment items with status
 * pending count: spam, approvals and TTL purges (REMOVE events) do not,
 * nor comments an import brought in (old, and possibly thousands).
 * The publisher is injectable: SNS in the cloud, the outbox locally.
 */
import type { AttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import { buildDigest, type PendingComment } from '../domain/moderator-digest';
import type { Reason } from '../domain/comment';
import { SnsNotificationPublisher } from '../adapters/sns/notification-publisher';
import type { NotificationPublisher } from '../ports/notification-publisher';
import { logger } from '../shared/observability';
import { envOptional } from '../environment';

type Image = Record<string, AttributeValue>;

/** The reason rule every imported comment carries (the importer's). */
const IMPORT_RULE = 'import';

const text = (image: Image, name: string): string => image[name]?.S ?? '';

function reasonsOf(image: Image): Reason[] {
  return (image.reasons?.L ?? []).map((r) => ({ rule: r.M?.rule?.S ?? '', message: r.M?.message?.S ?? '' }));
}

/** The new pending comments in a batch of stream records. */
export function newPendingComments(event: DynamoDBStreamEvent): PendingComment[] {
  const comments: PendingComment[] = [];
  for (const record of event.Records ?? []) {
    const image = record.dynamodb?.NewImage as Image | undefined;
    if (record.eventName !== 'INSERT' || !image || text(image, 'type') !== 'comment' || text(image, 'status') !== 'pending') continue;
    const reasons = reasonsOf(image);
    if (reasons.some((reason) => reason.rule === IMPORT_RULE)) continue;
    comments.push({
      id: text(image, 'id'),
      articleId: text(image, 'articleId'),
      author: text(image, 'author'),
      comment: text(image, 'comment'),
      reasons,
    });
  }
  return comments;
}

export function notifyModerators(publisher: () => NotificationPublisher, consoleUrl?: string) {
  return async (event: DynamoDBStreamEvent): Promise<{ notified: number }> => {
    const pending = newPendingComments(event);
    const digest = buildDigest(pending, consoleUrl);
    if (!digest) return { notified: 0 };
    // A failure throws, so the batch is retried rather than silently lost.
    await publisher().publish({ subject: digest.subject, message: digest.message });
    logger.info('moderators notified', { comments: pending.length, records: event.Records?.length ?? 0 });
    return { notified: pending.length };
  };
}

let sns: SnsNotificationPublisher | undefined;
function snsPublisher(): SnsNotificationPublisher {
  const topicArn = envOptional('NOTIFY_TOPIC_ARN');
  if (!topicArn) throw new Error('NOTIFY_TOPIC_ARN environment variable is not set');
  return (sns ??= new SnsNotificationPublisher(topicArn));
}

export const handler = notifyModerators(snsPublisher, envOptional('CONSOLE_URL'));
