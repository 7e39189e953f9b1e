/** POST /admin/comments/{id}/approve */
import { moderationHandler } from './moderate';

export const handler = moderationHandler('AdminApproveComment', 'approved');
