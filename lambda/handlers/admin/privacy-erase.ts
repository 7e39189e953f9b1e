/** POST /admin/privacy/erase { email }: anonymise or delete everything of one email address (GDPR erasure). */
import { httpHandler } from '../../http/handler';
import { requireModerator } from '../../http/auth';
import { optionalJsonObject } from '../../http/request';
import { json } from '../../http/response';
import { requestedEmail } from '../../domain/privacy-service';
import { logger } from '../../shared/observability';
import { privacyService } from '../../shared/service';

export const handler = httpHandler('AdminPrivacyErase', async (event) => {
  const { actor } = requireModerator(event);
  const email = requestedEmail(optionalJsonObject(event).email);
  const receipt = await (await privacyService()).erase(email, actor);
  logger.info('privacy erasure', { actor, erased: receipt.erased });
  return json(event, 200, receipt);
});
