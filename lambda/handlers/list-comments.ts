/** GET /articles/{articleId}/comments: the published comments, oldest first. */
import { articleIdParam } from '../http/article-id';
import { routeHandler } from '../http/handler';
import { parseLimit } from '../http/list-query';
import { queryParams } from '../http/request';
import { json } from '../http/response';

export const handler = routeHandler('ListComments', async ({ event, services }) => {
  const articleId = articleIdParam(event);
  const { limit, cursor } = queryParams(event, ['limit', 'cursor']);
  return json(event, 200, await services.comments.listPublished(articleId, { limit: parseLimit(limit), cursor }));
});
