/** POST /admin/privacy/erase { email }: anonymise or delete everything of one email address (GDPR erasure). */
import { requestedEmail } from '../../domain/privacy-service';
import { routeHandler } from '../../http/handler';
import { optionalJsonObject } from '../../http/request';
import { json } from '../../http/response';
import { logger } from '../../wiring/observability';
import { privacyServices } from '../../wiring/routes/privacy';

export const handler = routeHandler(
  'AdminPrivacyErase',
  async ({ event, actor, services }) => {
    // One field, whose type and form requestedEmail checks; erasureBody describes it in the OpenAPI document.
    const email = requestedEmail(optionalJsonObject(event).email);
    const receipt = await services.privacy.erase(email, actor);
    logger.info('privacy erasure', { actor, erased: receipt.erased });
    return json(event, 200, receipt);
  },
  privacyServices,
);
