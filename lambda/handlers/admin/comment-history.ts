/** GET /admin/comments/{id}/history: every status change, oldest first. Read-only by design. */
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { commentIdParam } from '../../http/moderation';
import { json } from '../../http/response';
import { commentService } from '../../shared/service';

export const handler = httpHandler('AdminCommentHistory', async (event) => {
  requireModerator(event);
  const service = await commentService();
  return json(event, 200, await service.history(commentIdParam(event)));
});
