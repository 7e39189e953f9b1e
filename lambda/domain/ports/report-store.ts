/** Readers' reports: counted on the comment in one conditional transaction. */
import type { ModeratorComment } from '../comment';
import type { NewReport, Page, ReportOutcome } from './store-records';

export interface ReportStore {
  /**
   * Counts the report and, when it reaches the threshold, unpublishes the comment, all at once.
   * Throws VersionConflict when the comment changed since it was read (read it again and retry),
   * TooManyRequests when the reader's flood lock is held.
   */
  reportComment(report: NewReport): Promise<ReportOutcome>;
  /** Comments with reports since their last approval, most recently reported first. */
  listReported(limit: number, after?: string): Promise<Page<ModeratorComment>>;
}
