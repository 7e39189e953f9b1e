/**
 * Readers' reports: the reasons a reader may give, what a moderator sees of a
 * comment's reports, and the reason recorded when enough readers report it.
 * Pure: the report use case and the store use these shapes.
 */
import type { Reason } from './reason';

export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** A note may say why, in at most this many UTF-8 bytes. */
export const REPORT_NOTE_MAX_BYTES = 500;
/** The moderator sees the latest notes; older ones are dropped so the comment item stays small. */
export const REPORT_NOTES_KEPT = 20;
/** A reader's report marker (a keyed hash of the address, per comment) is kept this long, then one may report again. */
export const REPORT_KEEP_DAYS = 90;
/** The site setting's default: distinct readers whose reports send a published comment back to the queue. */
export const DEFAULT_REPORT_THRESHOLD = 3;

/** What a moderator sees of a comment's reports since its last approval. */
export interface ReportSummary {
  count: number;
  reasons: Partial<Record<ReportReason, number>>;
  notes: string[];
}

export const NO_REPORTS: ReportSummary = { count: 0, reasons: {}, notes: [] };

/** The summary after one more report. */
export function withReport(summary: ReportSummary, reason: ReportReason, note: string | null): ReportSummary {
  const notes = note ? [...summary.notes, note].slice(-REPORT_NOTES_KEPT) : summary.notes;
  return { count: summary.count + 1, reasons: { ...summary.reasons, [reason]: (summary.reasons[reason] ?? 0) + 1 }, notes };
}

/** `{ rule: 'reports', message: '3 readers reported it: abuse 2, spam 1' }`: most given reason first. */
export function reportsReason(summary: ReportSummary): Reason {
  const parts = Object.entries(summary.reasons)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || a.localeCompare(b))
    .map(([reason, n]) => `${reason} ${n}`);
  const readers = summary.count === 1 ? '1 reader' : `${summary.count} readers`;
  return { rule: 'reports', message: `${readers} reported it: ${parts.join(', ')}` };
}
