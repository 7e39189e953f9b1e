/**
 * DynamoDB stream of the comments table -> feedback to spam providers that
 * learn (Akismet's submit-ham / submit-spam) when a moderator's decision
 * contradicts their verdict. Off the request path, so a decision never waits
 * for Akismet; best effort under the classifier time limit: a failed report
 * is logged, not retried (the moderator's decision already stands).
 */
import type { AttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import { classifierSourceFromEnvironment } from '../adapters/classifiers/source';
import type { CommentStatus, Reason } from '../domain/comment';
import { contradiction } from '../domain/triage/feedback';
import type { ClassifierInput, ClassifierSource } from '../ports/classifier';
import { logger } from '../shared/observability';

type Image = Record<string, AttributeValue>;

const text = (image: Image, name: string): string => image[name]?.S ?? '';

function reasonsOf(image: Image): Reason[] {
  return (image.reasons?.L ?? []).map((r) => {
    const m = r.M ?? {};
    const score = m.score?.N === undefined ? undefined : Number(m.score.N);
    return {
      rule: m.rule?.S ?? '',
      message: m.message?.S ?? '',
      ...(score === undefined ? {} : { score }),
      ...(m.provider?.S ? { provider: m.provider.S } : {}),
    };
  });
}

/** A moderator's status change of a comment (moderation writes set moderatedBy), read from the old and new images. */
function moderatorChange(oldImage: Image | undefined, newImage: Image | undefined) {
  if (!oldImage || !newImage || text(newImage, 'type') !== 'comment' || !text(newImage, 'moderatedBy')) return null;
  const from = text(oldImage, 'status') as CommentStatus;
  const to = text(newImage, 'status') as CommentStatus;
  if (!from || !to || from === to) return null;
  const input: ClassifierInput = {
    text: text(newImage, 'comment'),
    author: text(newImage, 'author'),
    url: text(newImage, 'url') || null,
    articleId: text(newImage, 'articleId'),
  };
  return { id: text(newImage, 'id'), from, to, reasons: reasonsOf(oldImage), input };
}

export function classifierFeedback(source: () => ClassifierSource) {
  return async (event: DynamoDBStreamEvent): Promise<{ reported: number }> => {
    let reported = 0;
    for (const record of event.Records ?? []) {
      if (record.eventName !== 'MODIFY') continue;
      const change = moderatorChange(record.dynamodb?.OldImage as Image | undefined, record.dynamodb?.NewImage as Image | undefined);
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

let source: ClassifierSource | undefined;
export const handler = classifierFeedback(() => (source ??= classifierSourceFromEnvironment()));
