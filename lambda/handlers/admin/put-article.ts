/** PUT /admin/articles/{articleId}: open or close comments, set the publish date or pre-moderation. */
import { articleIdParam } from '../../http/article-id';
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { optionalJsonObject } from '../../http/request';
import { json } from '../../http/response';
import { commentService } from '../../shared/service';

export const handler = httpHandler('AdminPutArticle', async (event) => {
  requireModerator(event);
  const articleId = articleIdParam(event);
  return json(event, 200, await (await commentService()).updateArticle(articleId, optionalJsonObject(event)));
});
