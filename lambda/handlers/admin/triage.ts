/** GET /admin/triage: the Triage page's figures for the last 30 days. */
import { triageReport } from '../../domain/use-cases/triage-report';
import { routeHandler } from '../../http/handler';
import { json } from '../../http/response';
import { triageStore } from '../../wiring/triage';

export const handler = routeHandler('AdminTriage', async ({ event }) => json(event, 200, await triageReport(triageStore(), new Date())));
