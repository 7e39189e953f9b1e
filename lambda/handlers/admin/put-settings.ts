/** PUT /admin/settings: change settings (partial; `version` makes it conditional). */
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { optionalJsonObject } from '../../http/request';
import { json } from '../../http/response';
import { commentService } from '../../shared/service';

export const handler = httpHandler('AdminPutSettings', async (event) => {
  requireModerator(event);
  const body = optionalJsonObject(event);
  return json(event, 200, await (await commentService()).updateSettings(body));
});
