/** DELETE /admin/bans/{id}: lift a ban (204; 404 when there is no such ban). */
import { routeHandler } from '../../http/handler';
import { pathParam } from '../../http/request';
import { noContent } from '../../http/response';
import { logger } from '../../wiring/observability';
import { banServices } from '../../wiring/routes/bans';

export const handler = routeHandler(
  'AdminLiftBan',
  async ({ event, actor, services }) => {
    const id = pathParam(event, 'id');
    await services.bans.lift(id);
    logger.info('ban lifted', { banId: id, actor });
    return noContent(event);
  },
  banServices,
);
