/** POST /admin/privacy/erase: what docs/openapi.json says of this route beside what the route table says. */
import { MODERATION_BODY_BYTES, type RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'Erase everything stored about an email address',
  description:
    'Applies the eraseMode setting to every comment of the address (anonymise: name "Anonymous", website and email removed, text kept; delete: removed), with a history entry each, then removes its private data. Repeating it is harmless.',
  body: { required: true, json: 'ErasureRequest', maxBytes: MODERATION_BODY_BYTES, description: 'The address.' },
  answers: {
    200: { description: 'How many comments were changed.', body: 'ErasureReceipt' },
    400: { description: 'BadRequest: a body that is not a JSON object.', body: 'Error' },
    422: { description: 'ValidationError: email missing or not an address.', body: 'ValidationError' },
  },
};
