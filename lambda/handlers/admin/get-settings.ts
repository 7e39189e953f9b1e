/** GET /admin/settings: the site's moderation settings. */
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { json } from '../../http/response';
import { commentService } from '../../shared/service';

export const handler = httpHandler('AdminGetSettings', async (event) => {
  requireModerator(event);
  return json(event, 200, await (await commentService()).getSettings());
});
