/**
 * Readers' reports: one transaction puts the reader's marker (absent, so a
 * reader counts once), takes the reader's flood lock, and updates the
 * comment on the count it was read at, so concurrent reports can neither
 * lose a count nor move the comment twice. At the threshold the same
 * transaction is a status change to pending (history by `system`).
 */
import { versionConflict, serviceUnavailable } from '../../domain/errors';
import type { ModeratorComment } from '../../domain/comment';
import type { NewReport, Page, ReportOutcome } from '../../domain/ports/store-records';
import { queryPage } from './bounded-reads';
import { moderatorViews } from './comment-reads';
import type { StoreContext } from './context';
import { commentFromItem, idFromPosition, ITEM_ABSENT, ITEM_TYPE, keys, REPORTED_PARTITION } from './items';
import { type CommentUpdateExtras, type ModerationTag, statusChangeItems, updateExpression } from './moderation';
import { INDEXES } from './schema';
import { floodLockHeld, floodLockPut } from './flood-lock';
import { type Cancellation, type Tagged, tagged, transactWrite } from './transaction';
import type { ReportStore } from '../../domain/ports/report-store';

type ReportTag = 'marker' | 'floodGuard' | ModerationTag;

export async function reportComment(ctx: StoreContext, report: NewReport): Promise<ReportOutcome> {
  const cancelled = await transactWrite(ctx.db, reportItems(ctx, report));
  if (!cancelled) return 'counted';
  return reportFailure(cancelled, report);
}

function reportItems({ tables }: StoreContext, report: NewReport): Tagged<ReportTag>[] {
  const { comment } = report;
  const nowMs = Date.parse(report.at);
  const items: Tagged<ReportTag>[] = [
    tagged('marker', {
      Put: {
        TableName: tables.private,
        Item: {
          ...keys.report(comment.id, report.reporterKey),
          type: ITEM_TYPE.report,
          reason: report.reason,
          at: report.at,
          expiresAt: report.markerExpiresAt,
        },
        ConditionExpression: ITEM_ABSENT,
      },
    }),
  ];
  if (report.floodKey) {
    items.push(tagged('floodGuard', floodLockPut(tables.private, report.floodKey, nowMs, report.floodMs)));
  }
  const extras = reportUpdate(report);
  if (report.unpublish) {
    const change = {
      comment,
      contact: report.unpublish.contact,
      to: 'pending' as const,
      at: report.at,
      actor: 'system',
      reason: report.unpublish.reason.message,
      rule: report.unpublish.reason.rule,
      expiresAt: null,
    };
    const reasons = [report.unpublish.reason, ...comment.reasons.filter((r) => r.rule !== 'reports')];
    items.push(...statusChangeItems(tables, change, { ...extras, set: { ...extras.set, reasons } }).items);
  } else {
    const update = updateExpression(extras.set, []);
    items.push(
      tagged('comment', {
        Update: {
          TableName: tables.comments,
          Key: keys.comment(comment.id),
          UpdateExpression: update.expression,
          // Only a published comment takes reports; the version also catches a moderator's change meanwhile.
          ConditionExpression: `version = :expected AND #status = :approved AND (${extras.condition})`,
          ExpressionAttributeNames: { ...update.names, ...extras.names, '#status': 'status' },
          ExpressionAttributeValues: { ...update.values, ...extras.values, ':expected': comment.version, ':approved': 'approved' },
        },
      }),
    );
  }
  return items;
}

/** The report's writes on the comment: the summary, the count it was read at (the condition) and the Reported list's keys. */
function reportUpdate(report: NewReport): Required<Pick<CommentUpdateExtras, 'set' | 'condition' | 'names' | 'values'>> {
  const { comment, reports, at } = report;
  const before = comment.reports?.count ?? 0;
  return {
    set: {
      reports,
      reportCount: reports.count,
      reportedAt: at,
      [INDEXES.reported.partitionKey.name]: REPORTED_PARTITION,
      [INDEXES.reported.sortKey.name]: `${at}#${comment.id}`,
    },
    condition: before === 0 ? 'attribute_not_exists(#reportCount)' : '#reportCount = :reportCountBefore',
    names: { '#reportCount': 'reportCount' },
    values: before === 0 ? {} : { ':reportCountBefore': before },
  };
}

/** A repeat reader counts nothing (202); a held flood lock is 429; losing to another writer is a conflict the caller retries. */
function reportFailure(cancelled: Cancellation<ReportTag>, report: NewReport): ReportOutcome {
  if (cancelled.has('marker')) return 'repeat';
  const held = cancelled.failed('floodGuard');
  if (held.length > 0) throw floodLockHeld(held, Date.parse(report.at), report.floodMs);
  const lostRace = cancelled.has('comment') || cancelled.has('privateData') || cancelled.any('TransactionConflict');
  if (lostRace) throw versionConflict(report.comment.version);
  throw serviceUnavailable();
}

/** Comments reported since their last approval, most recently reported first, each with its email. */
export async function listReported({ db, tables }: StoreContext, limit: number, after?: string): Promise<Page<ModeratorComment>> {
  const page = await queryPage(db, {
    table: tables.comments,
    index: INDEXES.reported,
    partition: REPORTED_PARTITION,
    limit,
    forward: false,
    after,
    keyAt: (position) => keys.comment(idFromPosition(position)),
  });
  return { items: await moderatorViews({ db, tables }, page.items.map(commentFromItem)), last: page.last };
}

/** The readers' reports port. */
export const dynamoDbReportStore = (ctx: StoreContext): ReportStore => ({
  reportComment: (report) => reportComment(ctx, report),
  listReported: (limit, after) => listReported(ctx, limit, after),
});
