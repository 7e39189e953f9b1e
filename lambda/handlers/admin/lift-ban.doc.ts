/** DELETE /admin/bans/{id}: what docs/openapi.json says of this route beside what the route table says. */
import type { RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'Lift a ban',
  description: 'Removes the ban; the email or address may comment again at once.',
  answers: {
    204: { description: 'Lifted.' },
    404: { description: 'NotFound: no such ban.', body: 'Error' },
  },
};
