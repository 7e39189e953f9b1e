/** POST /articles/{articleId}/comments: a reader submits a comment. */
import { LIMITS, describeShapeError, submissionShape } from '../domain/validation';
import { DomainError, badRequest } from '../domain/errors';
import { articleIdParam } from '../http/article-id';
import { routeHandler } from '../http/handler';
import { redirectTarget, redirectWithOutcome } from '../http/no-script-form';
import { bodyKind, bodyText, parseBody } from '../http/request';
import { errorResponse, headerValue, json } from '../http/response';
import { logger } from '../shared/observability';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{8,128}$/;

export const handler = routeHandler('SubmitComment', async ({ event, services }) => {
  const articleId = articleIdParam(event);
  const kind = bodyKind(event);
  const fields = parseBody(kind, bodyText(event, LIMITS.body));
  const redirect = kind === 'form' ? redirectTarget(event, fields) : null;
  try {
    const shape = submissionShape.safeParse(fields);
    if (!shape.success) throw badRequest(describeShapeError(shape.error));
    const idempotencyKey = headerValue(event, 'idempotency-key');
    const keys = Object.entries(event.multiValueHeaders ?? {}).reduce(
      (n, [k, v]) => n + (k.toLowerCase() === 'idempotency-key' ? (v?.length ?? 0) : 0),
      0,
    );
    if (keys > 1) throw badRequest('Send exactly one Idempotency-Key header.');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw badRequest('Idempotency-Key must be 8 to 128 visible ASCII characters.');
    }
    const result = await services.comments.submit({
      articleId,
      input: shape.data,
      clientIp: event.requestContext?.identity?.sourceIp ?? null,
      idempotencyKey,
    });
    logger.info('comment stored', { commentId: result.body.id, articleId, status: result.body.status });
    if (redirect) return redirectWithOutcome(redirect, { comment_status: result.body.status, comment_id: result.body.id });
    return json(event, result.created ? 201 : 202, result.body);
  } catch (error) {
    if (!redirect || !(error instanceof DomainError)) throw error;
    const response = errorResponse(event, error);
    const body = JSON.parse(response.body) as { message: string; fields?: Record<string, string> };
    return redirectWithOutcome(redirect, { comment_error: [body.message, ...Object.values(body.fields ?? {})].join(' ') });
  }
});
