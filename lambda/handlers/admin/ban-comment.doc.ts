/** POST /admin/comments/{id}/ban: what docs/openapi.json says of this route beside what the route table says. */
import { MODERATION_BODY_BYTES, type RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: "Ban a comment's author",
  description:
    "Bans the comment's email (through its keyed hash), the address it was posted from (a keyed hash kept with the comment's private data), or both, for days days or for good. A later comment from a banned email or address is answered like any held comment and stored as spam with the reason 'ban'.",
  body: { required: true, json: 'BanRequest', maxBytes: MODERATION_BODY_BYTES, description: 'Scope, days and reason.' },
  answers: {
    201: { description: 'The ban.', body: 'BanCreated' },
    400: { description: 'BadRequest: a body that is not a JSON object.', body: 'Error' },
    404: { description: 'NotFound: no such comment.', body: 'Error' },
    422: {
      description: "ValidationError: bad scope, days or reason, or the comment's address (or private data) is not known.",
      body: 'ValidationError',
    },
  },
};
