/** GET /counts: what docs/openapi.json says of this route beside what the route table says. */
import { MAX_COUNTED_ARTICLES } from '../domain/use-cases/count-comments';
import { EDGE_CACHED, notModified, type RouteDoc } from '../http/route-doc';

export const doc: RouteDoc = {
  summary: 'Published comments per article',
  description: `For article lists: the number of published comments of each of 1 to ${MAX_COUNTED_ARTICLES} articles in one request, read from one counter per article that every status change keeps in the same transaction. An unknown article counts 0.${EDGE_CACHED}`,
  query: [
    {
      name: 'articles',
      description: `1 to ${MAX_COUNTED_ARTICLES} article ids, separated by commas.`,
      schema: { type: 'string' },
      required: true,
    },
  ],
  conditional: true,
  answers: {
    200: { description: 'The counts, keyed by article id.', body: 'CommentCounts', headers: ['ETag', 'Cache-Control'] },
    304: notModified,
    400: { description: 'BadRequest: the parameter given twice.', body: 'Error' },
    422: { description: 'ValidationError on articles: none, more than 50, or one that is not an article id.', body: 'ValidationError' },
  },
};
