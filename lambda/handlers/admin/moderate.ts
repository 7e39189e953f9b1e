/** The approve / reject / spam routes differ only in the status they set. */
import type { CommentStatus } from '../../domain/comment';
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { commentIdParam, readModerationBody } from '../../http/moderation';
import { json } from '../../http/response';
import { commentService } from '../../shared/service';
import { logger } from '../../shared/observability';

export function moderationHandler(operation: string, to: CommentStatus) {
  return httpHandler(operation, async (event) => {
    const { actor } = requireModerator(event);
    const id = commentIdParam(event);
    const body = readModerationBody(event);
    const service = await commentService();
    const comment = await service.moderate(id, to, { actor, expectedVersion: body.expectedVersion, reason: body.reason });
    logger.info('comment moderated', { commentId: id, to, version: comment.version });
    return json(event, 200, comment);
  });
}
