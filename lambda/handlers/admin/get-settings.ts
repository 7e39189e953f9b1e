/** GET /admin/settings: the site's moderation settings. */
import { routeHandler } from '../../http/handler';
import { json } from '../../http/response';
import { siteSettingsServices } from '../../wiring/routes/site-settings';

export const handler = routeHandler(
  'AdminGetSettings',
  async ({ event, services }) => json(event, 200, await services.siteSettings.getSettings()),
  siteSettingsServices,
);
