/** POST /admin/comments/{id}/reject: what docs/openapi.json says of this route beside what the route table says. */
import { moderationAction, type RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = moderationAction('Reject a comment', 'rejected');
