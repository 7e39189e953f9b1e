/** The approve / reject / spam routes differ only in the status they set. */
import type { CommentStatus } from '../../domain/comment';
import { routeHandler } from '../../http/handler';
import { commentIdParam } from '../../http/comment-id';
import { readModerationBody } from '../../http/moderation';
import { json } from '../../http/response';
import type { RouteName } from '../../routes';
import { logger } from '../../wiring/observability';
import { moderationServices } from '../../wiring/routes/moderation';

export function moderationHandler(route: RouteName, to: CommentStatus) {
  return routeHandler(
    route,
    async ({ event, actor, services }) => {
      const id = commentIdParam(event);
      const body = readModerationBody(event);
      const comment = await services.moderation.moderate(id, to, { actor, expectedVersion: body.expectedVersion, reason: body.reason });
      logger.info('comment moderated', { commentId: id, to, version: comment.version });
      return json(event, 200, comment);
    },
    moderationServices,
  );
}
