/** GET /admin/articles/{articleId}: an article's comment settings (defaults when unknown). */
import { articleIdParam } from '../../http/article-id';
import { routeHandler } from '../../http/handler';
import { json } from '../../http/response';
import { siteSettingsServices } from '../../wiring/routes/site-settings';

export const handler = routeHandler(
  'AdminGetArticle',
  async ({ event, services }) => json(event, 200, await services.siteSettings.getArticle(articleIdParam(event))),
  siteSettingsServices,
);
