/** POST /articles/{articleId}/comments/{id}/reports: a reader reports a published comment (JSON or form). */
import { badRequest } from '../domain/errors';
import { describeShapeError, reportShape } from '../domain/validation';
import { articleIdParam } from '../http/article-id';
import { routeHandler } from '../http/handler';
import { commentIdParam } from '../http/comment-id';
import { bodyKind, bodyText, parseBody } from '../http/request';
import { json } from '../http/response';
import { logger } from '../wiring/observability';
import { reportServices } from '../wiring/routes/report';

/** A reason and a note of at most 500 bytes fit in far less. */
const MAX_BODY_BYTES = 8 * 1024;

export const handler = routeHandler(
  'ReportComment',
  async ({ event, services }) => {
    const articleId = articleIdParam(event);
    const commentId = commentIdParam(event);
    const shape = reportShape.safeParse(parseBody(bodyKind(event), bodyText(event, MAX_BODY_BYTES)));
    // The same shape the gateway's request model is generated from: a wrong JSON type is a 400 either way.
    if (!shape.success) throw badRequest(describeShapeError(shape.error));
    const outcome = await services.reporting.report({
      articleId,
      commentId,
      input: { reason: shape.data.reason, note: shape.data.note },
      clientIp: event.requestContext?.identity?.sourceIp ?? null,
    });
    logger.info('comment reported', { commentId, articleId, outcome });
    // A repeat is answered the same: the reader learns nothing about who else reported.
    return json(event, 202, { reported: true });
  },
  reportServices,
);
