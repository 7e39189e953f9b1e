/** GET /admin/bans: the bans in force, newest first. */
import { routeHandler } from '../../http/handler';
import { json } from '../../http/response';
import { banServices } from '../../wiring/routes/bans';

export const handler = routeHandler(
  'AdminListBans',
  async ({ event, services }) => json(event, 200, { bans: await services.bans.list() }),
  banServices,
);
