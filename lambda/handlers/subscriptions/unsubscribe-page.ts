/** GET /subscriptions/unsubscribe?token=: the page with the button (a GET changes nothing: link scanners follow links). */
import { routeHandler } from '../../http/handler';
import { subscriptionPage, tokenParam } from '../../http/subscription-pages';
import { subscriptionServices } from '../../wiring/routes/subscriptions';

export const handler = routeHandler(
  'UnsubscribePage',
  async ({ event, services }) => subscriptionPage(await services.subscriptions.checkUnsubscribe(tokenParam(event))),
  subscriptionServices,
);
