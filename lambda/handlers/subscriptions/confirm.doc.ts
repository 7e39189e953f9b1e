/** GET /subscriptions/confirm: what docs/openapi.json says of this route beside what the route table says. */
import { type RouteDoc, subscriptionToken } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'Confirm an address for reply notifications',
  description:
    'The link in the one confirmation mail an address gets when a comment asks for replies (notify_replies=yes). The token is signed and carries no email. Answers a small HTML page.',
  query: [subscriptionToken],
  answers: {
    200: { description: 'Confirmed (or confirmed before).', html: true },
    400: { description: 'The token was changed, cut short or has expired (a page saying so).', html: true },
    404: { description: 'No request is held for this address (erased meanwhile).', html: true },
  },
};
