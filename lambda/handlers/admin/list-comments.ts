/** GET /admin/comments: the moderation queue (pending, oldest first) or another status list. */
import { routeHandler } from '../../http/handler';
import { parseLimit, parseStatus } from '../../http/list-query';
import { queryParams } from '../../http/request';
import { json } from '../../http/response';

export const handler = routeHandler('AdminListComments', async ({ event, services }) => {
  const query = queryParams(event, ['status', 'limit', 'cursor', 'articleId']);
  const status = parseStatus(query.status);
  const limit = parseLimit(query.limit);
  return json(event, 200, await services.comments.listForModeration({ status, limit, cursor: query.cursor, articleId: query.articleId }));
});
