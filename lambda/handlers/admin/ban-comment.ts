/** POST /admin/comments/{id}/ban { scope, days, reason }: ban the comment's email and/or the address it came from. */
import { routeHandler } from '../../http/handler';
import { commentIdParam } from '../../http/comment-id';
import { optionalJsonObject } from '../../http/request';
import { readBanBody } from '../../http/request-bodies';
import { json } from '../../http/response';
import { logger } from '../../wiring/observability';
import { banServices } from '../../wiring/routes/bans';

export const handler = routeHandler(
  'AdminBanComment',
  async ({ event, actor, services }) => {
    const ban = await services.bans.ban(commentIdParam(event), readBanBody(optionalJsonObject(event)), actor);
    logger.info('ban added', { banId: ban.id, scope: ban.scope, commentId: ban.commentId, actor });
    return json(event, 201, { ban });
  },
  banServices,
);
