/** GET /counts?articles=a,b,c: published comments per article (1–50 ids); cacheable at the edge. */
import { cacheableJson } from '../http/edge-cache';
import { routeHandler } from '../http/handler';
import { queryParams } from '../http/request';
import { countServices } from '../wiring/routes/counts';

export const handler = routeHandler(
  'CountComments',
  async ({ event, services }) => {
    const { articles } = queryParams(event, ['articles']);
    return cacheableJson(event, await services.countPublished(articles));
  },
  countServices,
);
