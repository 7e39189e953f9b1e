/** GET /articles/{articleId}/comments: the published comments, oldest first. */
import { articleIdParam } from '../http/article-id';
import { httpHandler } from '../http/handler';
import { queryParams } from '../http/request';
import { json } from '../http/response';
import { commentService } from '../shared/service';

export const handler = httpHandler('ListComments', async (event) => {
  const articleId = articleIdParam(event);
  const { limit, cursor } = queryParams(event, ['limit', 'cursor']);
  const service = await commentService({ cursorKey: true });
  return json(event, 200, await service.listPublished(articleId, { limit, cursor }));
});
