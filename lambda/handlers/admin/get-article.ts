/** GET /admin/articles/{articleId}: an article's comment settings (defaults when unknown). */
import { articleIdParam } from '../../http/article-id';
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { json } from '../../http/response';
import { commentService } from '../../shared/service';

export const handler = httpHandler('AdminGetArticle', async (event) => {
  requireModerator(event);
  return json(event, 200, await (await commentService()).getArticle(articleIdParam(event)));
});
