/** GET /admin/comments: the moderation queue (pending, oldest first) or another status list. */
import { routeHandler } from '../../http/handler';
import { queryParams } from '../../http/request';
import { json } from '../../http/response';

export const handler = routeHandler('AdminListComments', async ({ event, services }) => {
  const query = queryParams(event, ['status', 'limit', 'cursor', 'articleId']);
  return json(event, 200, await services.comments.listForModeration(query));
});
