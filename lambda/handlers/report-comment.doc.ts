/** POST /articles/{articleId}/comments/{id}/reports: what docs/openapi.json says of this route beside what the route table says. */
import type { RouteDoc } from '../http/route-doc';

export const doc: RouteDoc = {
  summary: 'Report a published comment',
  description:
    "A reader reports a comment for a reason (spam, abuse, off-topic, other) with an optional note. One report counts per reader address (kept only as a keyed hash) per comment; a repeat is answered the same and counts nothing. When reports.threshold distinct readers have reported it, the comment goes back to pending at once, with the reason 'reports' and a history entry by system.",
  body: {
    required: true,
    json: 'ReportRequest',
    form: 'ReportRequest',
    maxBytes: 8 * 1024,
    description: 'The reason and an optional note.',
  },
  answers: {
    202: { description: 'Received.', body: 'Reported' },
    400: { description: 'BadRequest: malformed article id or an unparseable body.', body: 'Error' },
    403: { description: 'ReportsOff: the site has turned reports off (reports.threshold is null).', body: 'Error' },
    404: { description: 'NotFound: no such comment published on this article.', body: 'Error' },
    422: { description: 'ValidationError: an unknown reason or a note over 500 bytes.', body: 'ValidationError' },
    429: { description: 'TooManyRequests: reporting too fast from one address (floodSeconds).', body: 'Error', headers: ['Retry-After'] },
  },
};
