/** GET /admin/privacy/export: what docs/openapi.json says of this route beside what the route table says. */
import type { RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'Export everything stored about an email address',
  description: 'Every comment of the address with its history, private data without a comment, and the counts auto-approve keeps.',
  query: [{ name: 'email', description: 'The address the request is about.', schema: { type: 'string' }, required: true }],
  answers: {
    200: { description: 'The export.', body: 'PrivacyExport' },
    400: { description: 'BadRequest: the parameter given twice.', body: 'Error' },
    422: { description: 'ValidationError: email missing or not an address.', body: 'ValidationError' },
  },
};
