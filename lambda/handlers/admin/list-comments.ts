/** GET /admin/comments: the moderation queue (pending, oldest first, or by risk) or another status list. */
import { routeHandler } from '../../http/handler';
import { parseLimit, parseSort, parseStatus } from '../../http/list-query';
import { queryParams } from '../../http/request';
import { json } from '../../http/response';

export const handler = routeHandler('AdminListComments', async ({ event, services }) => {
  const query = queryParams(event, ['status', 'limit', 'cursor', 'articleId', 'sort']);
  const status = parseStatus(query.status);
  const limit = parseLimit(query.limit);
  const byRisk = parseSort(query.sort, query.articleId) === 'risk';
  return json(
    event,
    200,
    await services.comments.listForModeration({ status, limit, cursor: query.cursor, articleId: query.articleId, byRisk }),
  );
});
