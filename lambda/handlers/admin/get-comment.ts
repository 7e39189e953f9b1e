/** GET /admin/comments/{id}: one comment, as moderators see it. */
import { routeHandler } from '../../http/handler';
import { commentIdParam } from '../../http/comment-id';
import { json } from '../../http/response';
import { moderationServices } from '../../wiring/routes/moderation';

export const handler = routeHandler(
  'AdminGetComment',
  async ({ event, services }) => json(event, 200, await services.moderation.getForModeration(commentIdParam(event))),
  moderationServices,
);
