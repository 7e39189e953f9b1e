/** POST /articles/{articleId}/comments: a reader submits a comment. */
import { describeShapeError, LIMITS, submissionShape } from '../domain/validation';
import { badRequest } from '../domain/errors';
import { articleIdParam } from '../http/article-id';
import { isClientError } from '../http/errors';
import { routeHandler } from '../http/handler';
import { headerValue, idempotencyKey } from '../http/headers';
import { redirectTarget, redirectWithError, redirectWithOutcome } from '../http/no-script-form';
import { bodyKind, bodyText, parseBody } from '../http/request';
import { json } from '../http/response';
import { logger } from '../wiring/observability';
import { submissionServices } from '../wiring/routes/submission';

export const handler = routeHandler(
  'SubmitComment',
  async ({ event, services }) => {
    const articleId = articleIdParam(event);
    const kind = bodyKind(event);
    const fields = parseBody(kind, bodyText(event, LIMITS.body));
    const redirect = kind === 'form' ? redirectTarget(event, fields) : null;
    try {
      const shape = submissionShape.safeParse(fields);
      if (!shape.success) throw badRequest(describeShapeError(shape.error));
      const result = await services.submissions.submit({
        articleId,
        input: shape.data,
        clientIp: event.requestContext?.identity?.sourceIp ?? null,
        idempotencyKey: idempotencyKey(event),
        userAgent: headerValue(event, 'user-agent') ?? null,
      });
      logger.info('comment stored', { commentId: result.body.id, articleId, status: result.body.status });
      if (redirect) return redirectWithOutcome(redirect, { comment_status: result.body.status, comment_id: result.body.id });
      return json(event, result.created ? 201 : 202, result.body);
    } catch (error) {
      if (!redirect || !isClientError(error)) throw error;
      return redirectWithError(redirect, error);
    }
  },
  submissionServices,
);
