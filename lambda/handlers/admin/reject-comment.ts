/** POST /admin/comments/{id}/reject */
import { moderationHandler } from './moderate';

export const handler = moderationHandler('AdminRejectComment', 'rejected');
