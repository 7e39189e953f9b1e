/**
 * DynamoDB stream of the comments table -> feedback to spam providers that
 * learn (Akismet's submit-ham / submit-spam) when a moderator's decision
 * contradicts their verdict. Off the request path, so a decision never waits
 * for Akismet; best effort under the classifier time limit: a failed report
 * is logged, not retried (the moderator's decision already stands).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { type CommentChange, commentChangesOf } from '../adapters/dynamodb/comment-changes';
import { contradiction } from '../domain/triage/feedback';
import type { ClassifierInput, ClassifierSource } from '../domain/ports/classifier';
import { logger } from '../wiring/observability';

/** A moderator's status change of a comment (moderation writes set moderatedBy). */
function moderatorChange({ kind, before, after }: CommentChange) {
  if (kind !== 'modify' || !before || !after?.moderatedBy || before.status === after.status) return null;
  const input: ClassifierInput = { text: after.comment, author: after.author, url: after.url, articleId: after.articleId };
  return { id: after.id, from: before.status, to: after.status, reasons: before.reasons, input };
}

export function classifierFeedbackOfChanges(source: () => ClassifierSource) {
  return async (changes: readonly CommentChange[]): Promise<{ reported: number }> => {
    let reported = 0;
    for (const change of changes.map(moderatorChange)) {
      if (!change) continue;
      const found = contradiction({ reasons: change.reasons }, change.from, change.to);
      if (!found) continue;
      const classifiers = source();
      if (!classifiers.enabled.includes(found.provider)) continue;
      // Personal data is not in the comments table: feedback never carries it.
      const feedback = classifiers.feedback(found.provider, { sendPersonalData: false });
      if (!feedback) continue;
      const { input, id: commentId } = change;
      const signal = AbortSignal.timeout(classifiers.timeLimitMs);
      try {
        await (found.report === 'ham' ? feedback.reportHam(input, signal) : feedback.reportSpam(input, signal));
        reported += 1;
        logger.info('classifier feedback sent', { commentId, provider: found.provider, report: found.report });
      } catch (error) {
        logger.warn('classifier feedback failed', { commentId, provider: found.provider, error: (error as Error).name });
      }
    }
    return { reported };
  };
}

/** The same, fed a raw stream event (the local stream reader and the tests). */
export function classifierFeedback(source: () => ClassifierSource) {
  const onChanges = classifierFeedbackOfChanges(source);
  return (event: DynamoDBStreamEvent) => onChanges(commentChangesOf(event));
}
