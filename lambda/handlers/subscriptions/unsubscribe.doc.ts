/** POST /subscriptions/unsubscribe: what docs/openapi.json says of this route beside what the route table says. */
import { type RouteDoc, subscriptionToken } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'Unsubscribe (one-click, RFC 8058)',
  description:
    "The page's button, and the one-click POST mail clients send from the List-Unsubscribe and List-Unsubscribe-Post headers (body List-Unsubscribe=One-Click; the body is not needed). No more reply mails go to the address.",
  query: [subscriptionToken],
  answers: {
    200: { description: 'Unsubscribed (or not subscribed).', html: true },
    400: { description: 'The token was changed, cut short or has expired.', html: true },
    404: { description: 'No request is held for this address.', html: true },
  },
};
