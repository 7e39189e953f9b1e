/**
 * DynamoDB stream of the comments table -> reply-notification mails. A new
 * comment (not spam) that asked for replies gets its address a confirmation
 * mail; a reply that becomes approved (stored approved, or moved to approved
 * later) gets its parent's author one mail. Only approvals count: a pending
 * reply sends nothing. The mailer is injectable: SES in the cloud, the
 * outbox locally.
 */
import type { AttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import type { ApprovedReply, ReplyMailer } from '../domain/reply-notifications/reply-mailer';
import { logger } from '../shared/observability';
import { replyMailerFromEnvironment } from '../shared/mail';

type Image = Record<string, AttributeValue>;

const text = (image: Image | undefined, name: string): string => image?.[name]?.S ?? '';

export interface MailWork {
  /** Comments whose authors asked for reply notifications. */
  confirmations: string[];
  replies: ApprovedReply[];
}

/** What a batch of stream records asks to be mailed. */
export function mailWork(event: DynamoDBStreamEvent): MailWork {
  const work: MailWork = { confirmations: [], replies: [] };
  for (const record of event.Records ?? []) {
    const now = record.dynamodb?.NewImage as Image | undefined;
    const before = record.dynamodb?.OldImage as Image | undefined;
    if (!now || text(now, 'type') !== 'comment') continue;
    const status = text(now, 'status');
    if (record.eventName === 'INSERT' && now.notifyReplies?.BOOL === true && status !== 'spam') work.confirmations.push(text(now, 'id'));
    const approvedNow = status === 'approved' && (record.eventName === 'INSERT' || text(before, 'status') !== 'approved');
    if (approvedNow && text(now, 'parentId')) {
      work.replies.push({
        id: text(now, 'id'),
        parentId: text(now, 'parentId'),
        articleId: text(now, 'articleId'),
        author: text(now, 'author'),
        comment: text(now, 'comment'),
      });
    }
  }
  return work;
}

export function mailReplies(mailer: () => Promise<ReplyMailer>) {
  return async (event: DynamoDBStreamEvent): Promise<{ confirmations: number; sent: number }> => {
    const work = mailWork(event);
    if (work.confirmations.length === 0 && work.replies.length === 0) return { confirmations: 0, sent: 0 };
    const replyMailer = await mailer();
    // A failure throws, so the batch is retried; mails already claimed are not sent twice.
    let confirmations = 0;
    for (const commentId of work.confirmations) if (await replyMailer.requestConfirmation(commentId)) confirmations += 1;
    let sent = 0;
    for (const reply of work.replies) {
      const outcome = await replyMailer.notifyParent(reply);
      if (outcome === 'sent') sent += 1;
      // Ids and outcomes only: never an address.
      else logger.info('reply mail not sent', { replyId: reply.id, outcome });
    }
    logger.info('reply mails', { confirmations, sent, records: event.Records?.length ?? 0 });
    return { confirmations, sent };
  };
}

export const handler = mailReplies(replyMailerFromEnvironment);
