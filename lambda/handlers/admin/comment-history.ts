/** GET /admin/comments/{id}/history: every status change, oldest first. Read-only by design. */
import { routeHandler } from '../../http/handler';
import { commentIdParam } from '../../http/comment-id';
import { json } from '../../http/response';
import { moderationServices } from '../../wiring/routes/moderation';

export const handler = routeHandler(
  'AdminCommentHistory',
  async ({ event, services }) => json(event, 200, await services.moderation.history(commentIdParam(event))),
  moderationServices,
);
