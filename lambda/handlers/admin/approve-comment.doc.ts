/** POST /admin/comments/{id}/approve: what docs/openapi.json says of this route beside what the route table says. */
import { moderationAction, type RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = moderationAction('Approve (publish) a comment', 'approved');
