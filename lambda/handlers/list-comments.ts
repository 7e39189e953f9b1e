/** GET /articles/{articleId}/comments: the published comments, oldest first; cacheable at the edge. */
import { envString } from '../environment';
import { articleIdParam } from '../http/article-id';
import { cacheableJson } from '../http/edge-cache';
import { routeHandler } from '../http/handler';
import { parseLimit } from '../http/list-query';
import { queryParams } from '../http/request';
import { listServices } from '../wiring/routes/lists';

export const handler = routeHandler(
  'ListComments',
  async ({ event, services }) => {
    const articleId = articleIdParam(event);
    const { limit, cursor } = queryParams(event, ['limit', 'cursor']);
    const page = await services.lists.listPublished(articleId, { limit: parseLimit(limit), cursor });
    // Tells the form to offer "Notify me of follow-up comments by email": set only where mail can be sent.
    return cacheableJson(event, envString('REPLY_NOTIFICATIONS') === 'on' ? { ...page, replyNotifications: true } : page);
  },
  listServices,
);
