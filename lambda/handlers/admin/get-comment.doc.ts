/** GET /admin/comments/{id}: what docs/openapi.json says of this route beside what the route table says. */
import type { RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'One comment',
  description: 'The comment as moderators see it, with its email and reasons.',
  answers: {
    200: { description: 'The comment.', body: 'ModeratorComment' },
    404: { description: 'NotFound: no such comment.', body: 'Error' },
  },
};
