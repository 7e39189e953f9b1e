/** DELETE /admin/comments/{id}?expectedVersion=: erase a comment for good. */
import { routeHandler } from '../../http/handler';
import { commentIdParam, expectedVersionQuery } from '../../http/moderation';
import { queryParams } from '../../http/request';
import { noContent } from '../../http/response';

export const handler = routeHandler('AdminDeleteComment', async ({ event, actor, services }) => {
  const id = commentIdParam(event);
  const expectedVersion = expectedVersionQuery(queryParams(event, ['expectedVersion']).expectedVersion);
  await services.comments.delete(id, { actor, expectedVersion });
  return noContent(event);
});
