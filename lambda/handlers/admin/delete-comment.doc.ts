/** DELETE /admin/comments/{id}: what docs/openapi.json says of this route beside what the route table says. */
import type { RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'Erase a comment for good',
  description:
    'Removes the comment and its private data; its history stays, with a "deleted" entry. expectedVersion works as on the actions, as a query parameter.',
  query: [
    { name: 'expectedVersion', description: 'The version the moderator saw (a whole number, at least 1).', schema: { type: 'string' } },
  ],
  answers: {
    204: { description: 'Deleted.' },
    400: { description: 'BadRequest: expectedVersion malformed.', body: 'Error' },
    404: { description: 'NotFound: no such comment.', body: 'Error' },
    409: { description: 'VersionConflict: the comment changed since expectedVersion; nothing was deleted.', body: 'Error' },
  },
};
