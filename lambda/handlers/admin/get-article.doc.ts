/** GET /admin/articles/{articleId}: what docs/openapi.json says of this route beside what the route table says. */
import type { RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: "An article's comment settings",
  description: 'The defaults for an article never set (comments open, site premoderation).',
  answers: {
    200: { description: "The article's settings.", body: 'Article' },
    400: { description: 'BadRequest: malformed article id.', body: 'Error' },
  },
};
