/** POST /admin/privacy/erase { email }: anonymise or delete everything of one email address (GDPR erasure). */
import { requestedEmail } from '../../domain/privacy-service';
import { routeHandler } from '../../http/handler';
import { optionalJsonObject } from '../../http/request';
import { json } from '../../http/response';
import { logger } from '../../shared/observability';

export const handler = routeHandler('AdminPrivacyErase', async ({ event, actor, services }) => {
  const email = requestedEmail(optionalJsonObject(event).email);
  const receipt = await services.privacy.erase(email, actor);
  logger.info('privacy erasure', { actor, erased: receipt.erased });
  return json(event, 200, receipt);
});
