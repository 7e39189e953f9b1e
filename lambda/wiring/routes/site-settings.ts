/** The moderation settings and the per-article settings pages. */
import { enabledProvidersFromEnvironment } from '../../adapters/classifiers/enabled';
import { SiteSettingsAdmin } from '../../domain/use-cases/site-settings';
import { servicesFrom } from '../route-services';
import { functionSettings } from '../settings';

export const siteSettingsServices = servicesFrom(() => {
  const { store, settings, articles } = functionSettings();
  return { siteSettings: new SiteSettingsAdmin(store, settings, articles, enabledProvidersFromEnvironment()) };
});
