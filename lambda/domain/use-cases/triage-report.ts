/** The Triage page's answer: the last 30 days of counters and what the model was taught (two bounded reads). */
import { summaryWindow, type TriageSummary, triageSummary } from '../triage/triage-summary';
import type { TriageStore } from '../ports/triage-store';

export async function triageReport(store: Pick<TriageStore, 'days' | 'modelSummary'>, now: Date): Promise<TriageSummary> {
  const { from, to } = summaryWindow(now);
  const [days, model] = await Promise.all([store.days(from, to), store.modelSummary()]);
  return triageSummary(days, model, now);
}
