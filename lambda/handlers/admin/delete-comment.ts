/** DELETE /admin/comments/{id}?expectedVersion=: erase a comment for good. */
import { routeHandler } from '../../http/handler';
import { commentIdParam, expectedVersionQuery } from '../../http/comment-id';
import { queryParams } from '../../http/request';
import { noContent } from '../../http/response';
import { moderationServices } from '../../wiring/routes/moderation';

export const handler = routeHandler(
  'AdminDeleteComment',
  async ({ event, actor, services }) => {
    const id = commentIdParam(event);
    const expectedVersion = expectedVersionQuery(queryParams(event, ['expectedVersion']).expectedVersion);
    await services.moderation.delete(id, { actor, expectedVersion });
    return noContent(event);
  },
  moderationServices,
);
