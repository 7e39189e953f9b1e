/** GET /admin/comments: the moderation queue (pending, oldest first, or by risk), another status list, or every comment of one email. */
import { badRequest } from '../../domain/errors';
import { requestedEmail } from '../../domain/privacy-service';
import { routeHandler } from '../../http/handler';
import { parseLimit, parseSort, parseStatus } from '../../http/list-query';
import { queryParams } from '../../http/request';
import { json } from '../../http/response';
import { listServices } from '../../wiring/routes/lists';

export const handler = routeHandler(
  'AdminListComments',
  async ({ event, services }) => {
    const query = queryParams(event, ['status', 'limit', 'cursor', 'articleId', 'email', 'sort']);
    const limit = parseLimit(query.limit);
    if (query.email !== undefined) {
      if (query.status !== undefined || query.articleId !== undefined || query.sort !== undefined) {
        throw badRequest('email lists every comment of that address: leave out status, articleId and sort.');
      }
      return json(event, 200, await services.lists.listByEmail({ email: requestedEmail(query.email), limit, cursor: query.cursor }));
    }
    const status = parseStatus(query.status);
    const byRisk = parseSort(query.sort, query.articleId) === 'risk';
    return json(
      event,
      200,
      await services.lists.listForModeration({ status, limit, cursor: query.cursor, articleId: query.articleId, byRisk }),
    );
  },
  listServices,
);
