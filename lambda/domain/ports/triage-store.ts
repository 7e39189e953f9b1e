/**
 * Where the learner keeps what it learns: the site's model (the shared
 * SiteModelStore port) and the Triage page's daily counters, written
 * together so a batch of decisions is applied whole or not at all.
 */
import type { SiteModelStore } from '../triage/learning';
import type { DayIncrements, TriageDayCounts } from '../triage/triage-days';
import type { ModelSummary } from '../triage/triage-summary';

export interface LearningCommit {
  /** The new model, saved only if the stored one is still at `expected`; null: the batch taught nothing. */
  model: { bytes: Uint8Array; expected: number | null; taught: Pick<ModelSummary, 'examples' | 'byOrigin'> } | null;
  /** Counters to add, by day. */
  days: DayIncrements;
  /** Names the batch of stream records, so a batch delivered again is applied once. Absent: no such check. */
  batchId?: string;
}

/** committed: all written; conflict: another learner saved first (load and teach again); duplicate: this batch was applied before. */
export type CommitOutcome = 'committed' | 'conflict' | 'duplicate';

export interface TriageStore extends SiteModelStore {
  commit(change: LearningCommit): Promise<CommitOutcome>;
  /** What the stored model was taught, all time, without its bytes (null: a new site). */
  modelSummary(): Promise<ModelSummary | null>;
  /** The counters of the days from `from` to `to` (YYYY-MM-DD, inclusive), oldest first; days with nothing are absent. */
  days(from: string, to: string): Promise<Array<{ day: string; counts: TriageDayCounts }>>;
}
