/**
 * A reader reports a published comment. One report counts per reader address
 * (a keyed hash of the address and the comment, never the address) per
 * comment; at the site's threshold the comment goes back to the queue in the
 * same conditional write. Concurrent reports retry on the count they lost to.
 */
import type { CommentReads } from '../ports/comment-reads';
import type { ReportStore } from '../ports/report-store';
import type { NewReport } from '../ports/store-records';
import type { ModerationMetrics } from '../ports/moderation-metrics';
import { DomainError, notFound, validationFailed } from '../errors';
import type { KeyedHasher } from '../keyed-hash';
import { REPORT_KEEP_DAYS, REPORT_NOTE_MAX_BYTES, REPORT_REASONS, type ReportReason, reportsReason, withReport } from '../reports';
import type { SettingsCache } from './deps';

export interface ReportRequest {
  articleId: string;
  commentId: string;
  input: { reason?: unknown; note?: unknown };
  /** The reader's address as API Gateway saw it; used only keyed. */
  clientIp: string | null;
}

/** Reports lost to a concurrent report are read again and retried this many times. */
const ATTEMPTS = 12;

export class ReportComment {
  constructor(
    private readonly store: Pick<CommentReads, 'getComment' | 'getContact'> & Pick<ReportStore, 'reportComment'>,
    private readonly hasher: KeyedHasher,
    private readonly settings: SettingsCache,
    private readonly now: () => Date,
    private readonly metrics: ModerationMetrics,
  ) {}

  /** 'counted' or 'repeat' (both answered 202); 404 when not published there, 422 on bad input, 403 when reports are off. */
  async report(request: ReportRequest): Promise<'counted' | 'repeat'> {
    const settings = await this.settings.current();
    if (settings.reports.threshold === null) throw reportsOff();
    const { reason, note } = validReport(request.input);
    // Without an address every reader would be one; such a request counts as the same unknown reader.
    const address = request.clientIp ?? 'unknown';
    const reporterKey = this.hasher.hash('report', `${request.commentId}\u0000${address}`);
    const floodKey = settings.floodSeconds > 0 ? `flood:report:${this.hasher.hash('ip', address)}` : null;

    for (let attempt = 1; ; attempt++) {
      const comment = await this.store.getComment(request.commentId);
      if (!comment || comment.articleId !== request.articleId || comment.status !== 'approved') throw notFound();
      const now = this.now();
      const reports = withReport(comment.reports ?? { count: 0, reasons: {}, notes: [] }, reason, note);
      const reachesThreshold = reports.count >= settings.reports.threshold;
      const report: NewReport = {
        comment,
        reporterKey,
        reason,
        at: now.toISOString(),
        reports,
        unpublish: reachesThreshold ? { reason: reportsReason(reports), contact: await this.store.getContact(comment.id) } : null,
        floodKey,
        floodMs: settings.floodSeconds * 1000,
        markerExpiresAt: Math.ceil(now.getTime() / 1000) + REPORT_KEEP_DAYS * 86_400,
      };
      try {
        const outcome = await this.store.reportComment(report);
        // A repeat from the same reader counts nothing, on the dashboard too.
        if (outcome === 'counted') this.metrics.reportReceived();
        return outcome;
      } catch (error) {
        const lostRace = error instanceof DomainError && error.code === 'VersionConflict';
        if (!lostRace || attempt >= ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }
}

export const reportsOff = () => new DomainError('ReportsOff', 'Reports are turned off on this site.');

function validReport(input: ReportRequest['input']): { reason: ReportReason; note: string | null } {
  const fields: Record<string, string> = {};
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!(REPORT_REASONS as readonly string[]).includes(reason)) fields.reason = `Choose a reason: ${REPORT_REASONS.join(', ')}.`;
  let note: string | null = null;
  if (input.note !== undefined && input.note !== null) {
    if (typeof input.note !== 'string') fields.note = 'The note must be text.';
    else {
      note = input.note.trim() || null;
      if (note && Buffer.byteLength(note) > REPORT_NOTE_MAX_BYTES) fields.note = `The note may be at most ${REPORT_NOTE_MAX_BYTES} bytes.`;
      else if (note && !note.isWellFormed()) fields.note = 'The note is not valid text.';
      else if (note && /[\u0000-\u0008\u000b-\u001f\u007f]/.test(note)) fields.note = 'The note may not contain control characters.';
    }
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return { reason: reason as ReportReason, note };
}
