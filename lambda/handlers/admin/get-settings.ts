/** GET /admin/settings: the site's moderation settings. */
import { routeHandler } from '../../http/handler';
import { json } from '../../http/response';

export const handler = routeHandler('AdminGetSettings', async ({ event, services }) =>
  json(event, 200, await services.comments.getSettings()),
);
