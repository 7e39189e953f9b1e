/** GET /admin/privacy/export?email=: everything stored about one email address (a GDPR access request). */
import { requestedEmail } from '../../domain/privacy-service';
import { routeHandler } from '../../http/handler';
import { queryParams } from '../../http/request';
import { json } from '../../http/response';
import { logger } from '../../wiring/observability';
import { privacyServices } from '../../wiring/routes/privacy';

export const handler = routeHandler(
  'AdminPrivacyExport',
  async ({ event, actor, services }) => {
    const email = requestedEmail(queryParams(event, ['email']).email);
    const result = await services.privacy.export(email);
    // Who asked and how much was found; never the address.
    logger.info('privacy export', { actor, comments: result.comments.length });
    return json(event, 200, result);
  },
  privacyServices,
);
