/** GET /admin/settings: what docs/openapi.json says of this route beside what the route table says. */
import type { RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'The moderation settings',
  description: 'The site-wide settings, with defaults for any never set.',
  answers: { 200: { description: 'The settings.', body: 'Settings' } },
};
