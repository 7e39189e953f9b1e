/** GET /admin/comments: the moderation queue (pending, oldest first) or another status list. */
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { queryParams } from '../../http/request';
import { json } from '../../http/response';
import { commentService } from '../../shared/service';

export const handler = httpHandler('AdminListComments', async (event) => {
  requireModerator(event);
  const query = queryParams(event, ['status', 'limit', 'cursor', 'articleId']);
  const service = await commentService({ cursorKey: true });
  return json(event, 200, await service.listForModeration(query));
});
