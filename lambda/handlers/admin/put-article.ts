/** PUT /admin/articles/{articleId}: open or close comments, set the publish date or pre-moderation. */
import { readArticlePatch } from '../../domain/article-schema';
import { articleIdParam } from '../../http/article-id';
import { routeHandler } from '../../http/handler';
import { optionalJsonObject } from '../../http/request';
import { json } from '../../http/response';
import { siteSettingsServices } from '../../wiring/routes/site-settings';

export const handler = routeHandler(
  'AdminPutArticle',
  async ({ event, services }) => {
    const articleId = articleIdParam(event);
    return json(event, 200, await services.siteSettings.updateArticle(articleId, readArticlePatch(optionalJsonObject(event))));
  },
  siteSettingsServices,
);
