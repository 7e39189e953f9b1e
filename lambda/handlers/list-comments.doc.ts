/** GET /articles/{articleId}/comments: what docs/openapi.json says of this route beside what the route table says. */
import { cursor, EDGE_CACHED, limit, notModified, type RouteDoc } from '../http/route-doc';

export const doc: RouteDoc = {
  summary: "An article's published comments",
  description: `Approved comments only, oldest first, one page at a time, and whether the article still takes comments. No email ever appears.${EDGE_CACHED}`,
  query: [limit, cursor],
  conditional: true,
  answers: {
    200: { description: 'One page; nextCursor is null on the last.', body: 'PublishedPage', headers: ['ETag', 'Cache-Control'] },
    304: notModified,
    400: { description: 'BadRequest: malformed article id, limit out of range, a bad cursor or a parameter given twice.', body: 'Error' },
  },
};
