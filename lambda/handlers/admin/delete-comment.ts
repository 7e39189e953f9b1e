/** DELETE /admin/comments/{id}?expectedVersion=: erase a comment for good. */
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { commentIdParam, expectedVersionQuery } from '../../http/moderation';
import { queryParams } from '../../http/request';
import { noContent } from '../../http/response';
import { commentService } from '../../shared/service';

export const handler = httpHandler('AdminDeleteComment', async (event) => {
  const { actor } = requireModerator(event);
  const id = commentIdParam(event);
  const expectedVersion = expectedVersionQuery(queryParams(event, ['expectedVersion']).expectedVersion);
  const service = await commentService();
  await service.delete(id, { actor, expectedVersion });
  return noContent(event);
});
