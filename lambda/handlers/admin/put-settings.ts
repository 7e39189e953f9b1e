/** PUT /admin/settings: change settings (partial; `version` makes it conditional). */
import { routeHandler } from '../../http/handler';
import { optionalJsonObject } from '../../http/request';
import { json } from '../../http/response';

export const handler = routeHandler('AdminPutSettings', async ({ event, services }) =>
  json(event, 200, await services.comments.updateSettings(optionalJsonObject(event))),
);
