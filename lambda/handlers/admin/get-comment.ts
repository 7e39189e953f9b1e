/** GET /admin/comments/{id}: one comment, as moderators see it. */
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { commentIdParam } from '../../http/moderation';
import { json } from '../../http/response';
import { commentService } from '../../shared/service';

export const handler = httpHandler('AdminGetComment', async (event) => {
  requireModerator(event);
  const service = await commentService();
  return json(event, 200, await service.getForModeration(commentIdParam(event)));
});
