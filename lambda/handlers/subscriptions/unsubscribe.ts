/** POST /subscriptions/unsubscribe?token=: the page's button and RFC 8058 one-click (body "List-Unsubscribe=One-Click", not needed). */
import { routeHandler } from '../../http/handler';
import { subscriptionPage, tokenParam } from '../../http/subscription-pages';
import { subscriptionServices } from '../../wiring/routes/subscriptions';

export const handler = routeHandler(
  'Unsubscribe',
  async ({ event, services }) => subscriptionPage(await services.subscriptions.unsubscribe(tokenParam(event))),
  subscriptionServices,
);
