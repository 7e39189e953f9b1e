/** GET /subscriptions/confirm?token=: the link in a confirmation mail. */
import { routeHandler } from '../../http/handler';
import { subscriptionPage, tokenParam } from '../../http/subscription-pages';
import { subscriptionServices } from '../../wiring/routes/subscriptions';

export const handler = routeHandler(
  'ConfirmSubscription',
  async ({ event, services }) => subscriptionPage(await services.subscriptions.confirm(tokenParam(event))),
  subscriptionServices,
);
