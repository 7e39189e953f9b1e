/** GET /admin/triage: what docs/openapi.json says of this route beside what the route table says. */
import type { RouteDoc } from '../../http/route-doc';

export const doc: RouteDoc = {
  summary: 'How triage did over the last 30 days',
  description:
    'The share of comments decided without a person, the error the audits found with its bound, what people taught the model, and automation by day. Counts only: no comment text, name or address.',
  answers: { 200: { description: 'The figures.', body: 'TriageSummary' } },
};
