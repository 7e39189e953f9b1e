/** GET /admin/bans: the bans in force, newest first. */
import { routeHandler } from '../../http/handler';
import { json } from '../../http/response';

export const handler = routeHandler('AdminListBans', async ({ event, services }) =>
  json(event, 200, { bans: await services.comments.bans.list() }),
);
