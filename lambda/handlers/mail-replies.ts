/**
 * DynamoDB stream of the comments table -> reply-notification mails. A new
 * comment (not spam) that asked for replies gets its address a confirmation
 * mail; a reply that becomes approved (stored approved, or moved to approved
 * later) gets its parent's author one mail. Only approvals count: a pending
 * reply sends nothing. The mailer is injectable: SES in the cloud, the
 * outbox locally.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { type CommentChange, commentChangesOf } from '../adapters/dynamodb/comment-changes';
import type { ApprovedReply, ReplyMailer } from '../domain/reply-notifications/reply-mailer';
import { logger } from '../wiring/observability';

export interface MailWork {
  /** Comments whose authors asked for reply notifications. */
  confirmations: string[];
  replies: ApprovedReply[];
}

/** What a batch of comment changes asks to be mailed. */
export function mailWork(changes: readonly CommentChange[]): MailWork {
  const work: MailWork = { confirmations: [], replies: [] };
  for (const { kind, before, after: now } of changes) {
    if (!now) continue;
    if (kind === 'insert' && now.notifyReplies === true && now.status !== 'spam') work.confirmations.push(now.id);
    const approvedNow = now.status === 'approved' && (kind === 'insert' || before?.status !== 'approved');
    if (approvedNow && now.parentId) {
      work.replies.push({ id: now.id, parentId: now.parentId, articleId: now.articleId, author: now.author, comment: now.comment });
    }
  }
  return work;
}

export function mailRepliesOfChanges(mailer: () => Promise<ReplyMailer>) {
  return async (changes: readonly CommentChange[]): Promise<{ confirmations: number; sent: number }> => {
    const work = mailWork(changes);
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
    logger.info('reply mails', { confirmations, sent, changes: changes.length });
    return { confirmations, sent };
  };
}

/** The same, fed a raw stream event (the local stream reader and the tests). */
export function mailReplies(mailer: () => Promise<ReplyMailer>) {
  const onChanges = mailRepliesOfChanges(mailer);
  return (event: DynamoDBStreamEvent) => onChanges(commentChangesOf(event));
}
