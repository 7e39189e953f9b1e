/** GET /admin/bans: what docs/openapi.json says of this route beside what the route table says. */
import type { RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'The bans in force',
  description: 'Every ban that has not ended, newest first.',
  answers: { 200: { description: 'The bans.', body: 'BanList' } },
};
