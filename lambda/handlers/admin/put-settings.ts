/** PUT /admin/settings: change settings (partial; `version` makes it conditional). */
import { readSettingsPatch } from '../../domain/settings-schema';
import { routeHandler } from '../../http/handler';
import { optionalJsonObject } from '../../http/request';
import { json } from '../../http/response';
import { siteSettingsServices } from '../../wiring/routes/site-settings';

export const handler = routeHandler(
  'AdminPutSettings',
  async ({ event, services }) => json(event, 200, await services.siteSettings.updateSettings(readSettingsPatch(optionalJsonObject(event)))),
  siteSettingsServices,
);
