/** GET /subscriptions/unsubscribe: what docs/openapi.json says of this route beside what the route table says. */
import { type RouteDoc, subscriptionToken } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'The unsubscribe page',
  description:
    'The unsubscribe link of a reply mail: a page with one button that POSTs to the same URL. Changes nothing by itself, so link scanners cannot unsubscribe anyone.',
  query: [subscriptionToken],
  answers: {
    200: { description: 'The page with the button (or a note that the address is not subscribed).', html: true },
    400: { description: 'The token was changed, cut short or has expired.', html: true },
    404: { description: 'No request is held for this address.', html: true },
  },
};
