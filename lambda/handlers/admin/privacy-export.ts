/** GET /admin/privacy/export?email=: everything stored about one email address (a GDPR access request). */
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { queryParams } from '../../http/request';
import { json } from '../../http/response';
import { requestedEmail } from '../../domain/privacy-service';
import { logger } from '../../shared/observability';
import { privacyService } from '../../shared/service';

export const handler = httpHandler('AdminPrivacyExport', async (event) => {
  const { actor } = requireModerator(event);
  const email = requestedEmail(queryParams(event, ['email']).email);
  const result = await (await privacyService()).export(email);
  // Who asked and how much was found; never the address.
  logger.info('privacy export', { actor, comments: result.comments.length });
  return json(event, 200, result);
});
