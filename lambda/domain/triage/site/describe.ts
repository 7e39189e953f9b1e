/**
 * What the console's Triage page shows of a site model: how many examples it
 * was taught, by label and by origin, and how much calibration evidence
 * the gate holds per score source.
 */
import type { DecisionLabel } from '../learning';
import { tableTotal } from './evidence';
import type { Origin, SiteModel } from './model';

export interface SiteDescription {
  examples: Record<DecisionLabel, number>;
  byOrigin: Record<Origin, number>;
  taught: number;
  updates: number;
  /** Decided comments counted as the gate's evidence (decayed), per score source. */
  evidence: Record<string, number>;
}

export function describeSite(site: SiteModel | null): SiteDescription {
  const examples = site?.examples ?? { approved: 0, rejected: 0, spam: 0 };
  return {
    examples: { ...examples },
    byOrigin: { ...(site?.byOrigin ?? { moderator: 0, audit: 0, reversal: 0, import: 0 }) },
    taught: examples.approved + examples.rejected + examples.spam,
    updates: site?.updates ?? 0,
    evidence: Object.fromEntries(Object.entries(site?.evidence ?? {}).map(([k, t]) => [k, Math.round(tableTotal(t))])),
  };
}
