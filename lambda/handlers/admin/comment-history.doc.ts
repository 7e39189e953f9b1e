/** GET /admin/comments/{id}/history: what docs/openapi.json says of this route beside what the route table says. */
import type { RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: "A comment's history",
  description: 'Every change of status, oldest first; kept after the comment is deleted.',
  answers: {
    200: { description: 'The history.', body: 'History' },
    404: { description: 'NotFound: no comment with that id ever existed.', body: 'Error' },
  },
};
