/** POST /articles/{articleId}/comments: what docs/openapi.json says of this route beside what the route table says. */
import { LIMITS } from '../domain/validation';
import type { RouteDoc } from '../http/route-doc';

export const doc: RouteDoc = {
  summary: 'Post a comment',
  description:
    'A reader posts a comment with the WordPress field names, as JSON or as a plain HTML form post. Checks run in this order, and the first that fails answers: article id (400), content type (415), size (413), parseable body and field types (400), comments closed (403), field rules (422, every failing field at once), duplicate (409), flood (429). A comment passing them all is stored, pending unless a rule publishes it. A form post that accepts text/html is answered 303 back to the page instead.',
  idempotencyKey: true,
  body: {
    required: true,
    json: 'Submission',
    form: 'SubmissionForm',
    maxBytes: LIMITS.body,
    description: 'The comment. Unknown fields are ignored.',
  },
  answers: {
    201: { description: 'Published at once (a rule such as auto-approve allowed it).', body: 'Submitted' },
    202: { description: 'Stored and held for moderation (the default).', body: 'Submitted' },
    303: {
      description:
        'A plain form post (Accept: text/html, form-encoded) goes back to redirect_to or the Referer, when its origin is allowed, with comment_status and comment_id, or comment_error, in the query string.',
      headers: ['Location'],
    },
    400: {
      description:
        'BadRequest: malformed article id, unparseable body, a field of the wrong JSON type, or a malformed or doubled Idempotency-Key.',
      body: 'Error',
    },
    403: {
      description: 'CommentsClosed: comments are closed on this article. Deployed, also Forbidden when the firewall refuses the request.',
      body: 'Error',
    },
    409: { description: 'Duplicate: the same text by the same person on the same article and parent.', body: 'Error' },
    422: { description: 'ValidationError: every failing field, each with a message.', body: 'ValidationError' },
    429: {
      description: 'TooManyRequests: posting too fast (same address or email within floodSeconds); Retry-After says when to try again.',
      body: 'Error',
      headers: ['Retry-After'],
    },
  },
};
