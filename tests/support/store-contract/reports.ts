/** ReportStore: readers' reports counted on the comment. */
import { describe, expect, it } from 'vitest';
import type { Comment, CommentStatus } from '../../../lambda/domain/comment';
import { NO_REPORTS, reportsReason, withReport } from '../../../lambda/domain/reports';
import type { NewReport } from '../../../lambda/domain/ports/store-records';
import { at, contractStore, T0, type OpenedStore } from './fixtures';

export function reportCases(open: () => Promise<OpenedStore>): void {
  describe("readers' reports", () => {
    const { store, insert, approve } = contractStore(open);
    const reportOf = (comment: Comment, reporterKey: string, second: number, threshold = 3): NewReport => {
      const reports = withReport(comment.reports ?? NO_REPORTS, 'abuse', `note from ${reporterKey}`);
      return {
        comment,
        reporterKey,
        reason: 'abuse',
        at: at(second),
        reports,
        unpublish: reports.count >= threshold ? { reason: reportsReason(reports), contact: undefined } : null,
        floodKey: null,
        floodMs: 15_000,
        markerExpiresAt: Math.ceil(T0 / 1000) + 86_400,
      };
    };
    const published = async (id: string) => {
      const record = await insert({ id });
      return approve(record, 1);
    };

    it('counts one report per reader, lists the comment as reported, and at the threshold moves it to pending once', async () => {
      let comment = await published('r1');
      expect(await store.reportComment(reportOf(comment, 'reader-a', 2))).toBe('counted');
      comment = (await store.getComment('r1'))!;
      expect(comment.reports).toEqual({ count: 1, reasons: { abuse: 1 }, notes: ['note from reader-a'] });
      expect(await store.reportComment(reportOf(comment, 'reader-a', 3))).toBe('repeat');
      expect((await store.getComment('r1'))!.reports?.count).toBe(1);

      // A report based on a stale count loses, and changes nothing.
      const stale = comment;
      expect(await store.reportComment(reportOf(comment, 'reader-b', 4))).toBe('counted');
      await expect(store.reportComment(reportOf(stale, 'reader-c', 5))).rejects.toMatchObject({ code: 'VersionConflict' });
      comment = (await store.getComment('r1'))!;
      expect(comment.reports?.count).toBe(2);

      expect(await store.reportComment(reportOf(comment, 'reader-c', 6))).toBe('counted');
      const moved = (await store.getComment('r1'))!;
      expect(moved).toMatchObject({ status: 'pending', version: comment.version + 1, reports: { count: 3 } });
      expect(moved.reasons[0]).toEqual({ rule: 'reports', message: '3 readers reported it: abuse 3' });
      expect((await store.listPublished('article-1', 10)).items).toEqual([]);
      // The move goes through the status-change items, so the article's published count follows.
      expect(Object.fromEntries(await store.countPublished(['article-1']))).toEqual({ 'article-1': 0 });
      expect((await store.getHistory('r1')).at(-1)).toMatchObject({ actor: 'system', from: 'approved', to: 'pending', rule: 'reports' });
      expect((await store.listReported(10)).items.map((c) => c.id)).toEqual(['r1']);
    });

    it('lists reported comments most recently reported first, and approving clears their reports', async () => {
      const first = await published('r2');
      const second = await published('r3');
      await store.reportComment(reportOf(first, 'reader-a', 2));
      await store.reportComment(reportOf(second, 'reader-a', 3));
      const page = await store.listReported(1);
      expect(page.items.map((c) => [c.id, c.reports.count])).toEqual([['r3', 1]]);
      expect((await store.listReported(5, page.last)).items.map((c) => c.id)).toEqual(['r2']);

      const reported = (await store.getComment('r3'))!;
      const move = (comment: Comment, to: CommentStatus, second: number) =>
        store.changeStatus({ comment, contact: undefined, to, at: at(second), actor: 'mod', reason: null, expiresAt: null });
      await move(reported, 'rejected', 4);
      await move((await store.getComment('r3'))!, 'approved', 5);
      expect((await store.getComment('r3'))!.reports).toBeUndefined();
      expect((await store.listReported(5)).items.map((c) => c.id)).toEqual(['r2']);
    });

    it("refuses a report while the reader's flood lock is held", async () => {
      const first = await published('r4');
      const second = await published('r5');
      await store.reportComment({ ...reportOf(first, 'reader-a', 2), floodKey: 'flood:report:x' });
      await expect(store.reportComment({ ...reportOf(second, 'reader-b', 7), floodKey: 'flood:report:x' })).rejects.toMatchObject({
        code: 'TooManyRequests',
        details: { retryAfterSeconds: 10 },
      });
    });
  });
}
