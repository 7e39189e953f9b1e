/** Readers' reports, every condition checked first. */
import type { ModeratorComment } from '../../../lambda/domain/comment';
import { tooManyRequests, versionConflict } from '../../../lambda/domain/errors';
import type { NewReport, Page, ReportOutcome } from '../../../lambda/domain/ports/store-records';
import type { ReportStore } from '../../../lambda/domain/ports/report-store';
import { copy, positionOf, pageOf, type MemoryTables } from './tables';

export function memoryReportStore(t: MemoryTables): ReportStore {
  return {
    async reportComment(report: NewReport): Promise<ReportOutcome> {
      const { comment } = report;
      const nowMs = Date.parse(report.at);
      // Every condition first, in the order the DynamoDB store decodes them.
      const markerKey = `${comment.id}#${report.reporterKey}`;
      if (t.reportMarkers.has(markerKey)) return 'repeat';
      const lock = report.floodKey ? t.guards.get(report.floodKey) : undefined;
      if (lock && 'lastAtMs' in lock && lock.lastAtMs > nowMs - report.floodMs) {
        throw tooManyRequests((lock.lastAtMs + report.floodMs - nowMs) / 1000);
      }
      const stored = t.comments.get(comment.id);
      const sameCount = (stored?.reports?.count ?? 0) === (comment.reports?.count ?? 0);
      if (!stored || stored.version !== comment.version || stored.status !== 'approved' || !sameCount)
        throw versionConflict(comment.version);

      t.reportMarkers.add(markerKey);
      if (report.floodKey) t.guards.set(report.floodKey, { lastAtMs: nowMs });
      const reported = { ...stored, reports: copy(report.reports), reportedAt: report.at };
      if (!report.unpublish) {
        t.comments.set(comment.id, reported);
        return 'counted';
      }
      const { reason, contact } = report.unpublish;
      const reasons = [reason, ...stored.reasons.filter((r) => r.rule !== 'reports')];
      const version = comment.version + 1;
      t.comments.set(comment.id, { ...reported, status: 'pending', version, updatedAt: report.at, reasons });
      t.addHistory(comment.id, version, {
        at: report.at,
        actor: 'system',
        from: 'approved',
        to: 'pending',
        reason: reason.message,
        rule: reason.rule,
      });
      if (contact) t.count(contact.emailHash, 'approved', 'pending');
      t.countPublishedChange(comment.articleId, 'approved', 'pending');
      return 'counted';
    },

    async listReported(limit: number, after?: string): Promise<Page<ModeratorComment>> {
      const reported = [...t.comments.values()].filter((c) => c.reportedAt !== undefined);
      return pageOf(
        reported,
        (c) => positionOf(c.reportedAt ?? '', c.id),
        { limit, after, newestFirst: true },
        (c) => t.moderatorView(c),
      );
    },
  };
}
