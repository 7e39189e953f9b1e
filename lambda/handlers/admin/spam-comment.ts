/** POST /admin/comments/{id}/spam */
import { moderationHandler } from './moderate';

export const handler = moderationHandler('AdminSpamComment', 'spam');
