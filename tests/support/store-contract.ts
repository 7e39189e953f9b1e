/**
 * What any implementation of the storage ports must do, as one suite run against each store: the
 * DynamoDB store on DynamoDB Local and the in-memory store
 * (tests/integration/store-contract.test.ts). A case fails on a store that
 * lets a duplicate in, loses an update, pages differently or leaves part of a
 * refused write behind.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Comment, CommentStatus, Contact } from '../../lambda/domain/comment';
import type { StoredBan } from '../../lambda/domain/bans';
import { NO_REPORTS, reportsReason, withReport } from '../../lambda/domain/reports';
import { DEFAULT_SETTINGS } from '../../lambda/domain/settings';
import { CommentIdTaken, type NewCommentRecord, type NewReport } from '../../lambda/domain/ports/store-records';
import type { AuthorStore } from '../../lambda/domain/ports/author-store';
import type { BanStore } from '../../lambda/domain/ports/ban-store';
import type { CommentLists } from '../../lambda/domain/ports/comment-lists';
import type { CommentReads } from '../../lambda/domain/ports/comment-reads';
import type { ModerationStore } from '../../lambda/domain/ports/moderation-store';
import type { PrivacyStore } from '../../lambda/domain/ports/privacy-store';
import type { ReportStore } from '../../lambda/domain/ports/report-store';
import type { SettingsStore } from '../../lambda/domain/ports/settings-store';
import type { SubmissionStore } from '../../lambda/domain/ports/submission-store';
import type { SubscriberStore } from '../../lambda/domain/ports/subscriber-store';

/** The suite holds every port at once: both stores implement them all on one set of tables (or maps). */
export type EveryPort = SettingsStore &
  SubmissionStore &
  AuthorStore &
  CommentReads &
  CommentLists &
  ModerationStore &
  PrivacyStore &
  SubscriberStore &
  ReportStore &
  BanStore;

export interface OpenedStore {
  store: EveryPort;
  close: () => Promise<void>;
}

const T0 = Date.parse('2030-03-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

interface Draft {
  id: string;
  articleId?: string;
  status?: CommentStatus;
  /** Seconds after T0. */
  second?: number;
  emailHash?: string;
  guardKeys?: string[];
  floodKeys?: string[];
  floodMs?: number;
  firstCommentOfArticle?: boolean;
  /** A classifier's score, recorded as a reason (sort=risk). */
  risk?: number;
}

/** A new comment as the service would hand it to the store. */
function draft(d: Draft): NewCommentRecord {
  const createdAt = at(d.second ?? 0);
  const status = d.status ?? 'pending';
  const comment: Comment = {
    id: d.id,
    articleId: d.articleId ?? 'article-1',
    parentId: null,
    author: `Author of ${d.id}`,
    url: `https://example.com/${d.id}`,
    comment: `The text of ${d.id}.`,
    status,
    createdAt,
    updatedAt: createdAt,
    version: 1,
    reasons: [
      ...(status === 'pending' ? [{ rule: 'premoderation', message: 'held for moderation' }] : []),
      ...(d.risk === undefined ? [] : [{ rule: 'toxicity', message: `toxicity ${d.risk}`, score: d.risk, provider: 'builtin' }]),
    ],
  };
  const contact: Contact = {
    commentId: d.id,
    email: `${d.id}@example.com`,
    emailHash: d.emailHash ?? `hash-${d.id}`,
    guardKeys: d.guardKeys ?? [`dup:${d.id}:email`, `dup:${d.id}:author`],
  };
  return {
    comment,
    contact,
    history: { at: createdAt, actor: 'system', from: null, to: status, reason: null, rule: null },
    floodKeys: d.floodKeys ?? [],
    floodMs: d.floodMs ?? 15_000,
    expiresAt: null,
    firstCommentOfArticle: d.firstCommentOfArticle ?? false,
  };
}

export function storeContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`storage ports contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: EveryPort;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened?.close();
    });

    const insert = async (d: Draft) => {
      const record = draft(d);
      await store.insertComment(record);
      return record;
    };
    const approve = (record: NewCommentRecord, second: number) =>
      store.changeStatus({
        comment: record.comment,
        contact: record.contact,
        to: 'approved',
        at: at(second),
        actor: 'mod',
        reason: null,
        expiresAt: null,
      });

    describe("insertCommentsTogether (the importer's)", () => {
      it('stores several comments at once, their published counts added later by the caller', async () => {
        const records = ['t1', 't2', 't3'].map((id) => ({ ...draft({ id, status: 'approved' }), publishedCountLater: true }));
        expect(await store.insertCommentsTogether(records)).toBe(true);
        for (const record of records) expect(await store.getComment(record.comment.id)).toEqual(record.comment);
        expect((await store.countPublished(['article-1'])).get('article-1')).toBe(0);
        await store.addPublished('article-1', 3);
        expect((await store.countPublished(['article-1'])).get('article-1')).toBe(3);
      });

      it('stores none of them when one cannot be stored', async () => {
        await insert({ id: 'taken' });
        const records = [draft({ id: 'new-1' }), draft({ id: 'taken', guardKeys: ['dup:x'] }), draft({ id: 'new-2' })];
        expect(await store.insertCommentsTogether(records)).toBe(false);
        expect(await store.getComment('new-1')).toBeUndefined();
        expect(await store.getComment('new-2')).toBeUndefined();
      });
    });

    describe('insertComment', () => {
      it('stores the comment, its first history entry and its private data', async () => {
        const record = await insert({ id: 'c1' });
        expect(await store.getComment('c1')).toEqual(record.comment);
        expect(await store.getContact('c1')).toEqual(record.contact);
        expect(await store.getHistory('c1')).toEqual([record.history]);
        expect(await store.getComment('c-unknown')).toBeUndefined();
      });

      it('refuses a reused id with CommentIdTaken and keeps the first comment', async () => {
        const first = await insert({ id: 'c1' });
        const again = draft({ id: 'c1', guardKeys: ['dup:other:email', 'dup:other:author'] });
        again.comment.comment = 'A different text.';
        await expect(store.insertComment(again)).rejects.toBeInstanceOf(CommentIdTaken);
        expect(await store.getComment('c1')).toEqual(first.comment);
        // The refused write took none of its guards.
        await expect(insert({ id: 'c2', guardKeys: ['dup:other:email'] })).resolves.toBeDefined();
      });

      it('refuses a taken duplicate guard with Duplicate and stores nothing of the refused comment', async () => {
        await insert({ id: 'c1', guardKeys: ['dup:same-text'] });
        await expect(
          insert({ id: 'c2', guardKeys: ['dup:same-text'], floodKeys: ['flood:email:x'], status: 'approved' }),
        ).rejects.toMatchObject({
          code: 'Duplicate',
        });
        expect(await store.getComment('c2')).toBeUndefined();
        expect(await store.getContact('c2')).toBeUndefined();
        expect(await store.getHistory('c2')).toEqual([]);
        expect(await store.getAuthorRecord('hash-c2')).toEqual({ approved: 0, rejected: 0, spam: 0 });
        // Its flood lock was not taken either.
        await expect(insert({ id: 'c3', floodKeys: ['flood:email:x'] })).resolves.toBeDefined();
      });

      it('reports a duplicate before a held flood lock', async () => {
        await insert({ id: 'c1', guardKeys: ['dup:same-text'], floodKeys: ['flood:email:x'] });
        await expect(insert({ id: 'c2', second: 1, guardKeys: ['dup:same-text'], floodKeys: ['flood:email:x'] })).rejects.toMatchObject({
          code: 'Duplicate',
        });
      });

      it('refuses a held flood lock with the whole seconds left, and frees it when the window has passed', async () => {
        await insert({ id: 'c1', floodKeys: ['flood:email:x'] });
        await expect(insert({ id: 'c2', second: 2.5, floodKeys: ['flood:email:x'] })).rejects.toMatchObject({
          code: 'TooManyRequests',
          details: { retryAfterSeconds: 13 },
        });
        expect(await store.getComment('c2')).toBeUndefined();
        await expect(insert({ id: 'c3', second: 15, floodKeys: ['flood:email:x'] })).resolves.toBeDefined();
        // A shorter window applies to a lock taken under a longer one.
        await expect(insert({ id: 'c4', second: 20, floodKeys: ['flood:email:x'], floodMs: 5_000 })).resolves.toBeDefined();
      });

      it('takes all of its flood locks or none', async () => {
        await insert({ id: 'c1', floodKeys: ['flood:ip:1'] });
        await expect(insert({ id: 'c2', second: 1, floodKeys: ['flood:email:2', 'flood:ip:1'] })).rejects.toMatchObject({
          code: 'TooManyRequests',
        });
        await expect(insert({ id: 'c3', second: 1, floodKeys: ['flood:email:2'] })).resolves.toBeDefined();
      });

      it("records an article's first comment once, and article settings keep it", async () => {
        expect(await store.getArticle('article-1')).toBeUndefined();
        await insert({ id: 'c1', firstCommentOfArticle: true });
        await insert({ id: 'c2', second: 60, firstCommentOfArticle: true });
        expect(await store.getArticle('article-1')).toEqual({
          articleId: 'article-1',
          commentsOpen: true,
          publishedAt: null,
          premoderation: null,
          firstCommentAt: at(0),
        });
        await store.putArticle({
          articleId: 'article-1',
          commentsOpen: false,
          publishedAt: at(-100),
          premoderation: true,
          firstCommentAt: null,
        });
        expect(await store.getArticle('article-1')).toEqual({
          articleId: 'article-1',
          commentsOpen: false,
          publishedAt: at(-100),
          premoderation: true,
          firstCommentAt: at(0),
        });
      });

      it("counts an author's published and spam comments, not pending ones", async () => {
        await insert({ id: 'c1', emailHash: 'h', status: 'approved' });
        await insert({ id: 'c2', emailHash: 'h', status: 'spam' });
        await insert({ id: 'c3', emailHash: 'h', status: 'pending' });
        expect(await store.getAuthorRecord('h')).toEqual({ approved: 1, rejected: 0, spam: 1 });
      });
    });

    describe('changeStatus', () => {
      it('approving moves the comment from the queue to the public page, with a new version and a history entry', async () => {
        const record = await insert({ id: 'c1', emailHash: 'h' });
        const updated = await store.changeStatus({ ...statusChange(record, 'approved', 10), reason: 'fine' });
        expect(updated).toEqual({ ...record.comment, status: 'approved', version: 2, updatedAt: at(10) });
        expect(await store.getComment('c1')).toEqual(updated);
        expect((await store.listPublished('article-1', 10)).items.map((c) => c.id)).toEqual(['c1']);
        expect((await store.listByStatus({ status: 'pending', limit: 10, newestFirst: false })).items).toEqual([]);
        expect(await store.getHistory('c1')).toEqual([
          record.history,
          { at: at(10), actor: 'mod', from: 'pending', to: 'approved', reason: 'fine', rule: null },
        ]);
        expect(await store.getAuthorRecord('h')).toEqual({ approved: 1, rejected: 0, spam: 0 });
      });

      it('refuses a change based on a stale version with VersionConflict naming the current one, and changes nothing', async () => {
        const record = await insert({ id: 'c1', emailHash: 'h' });
        await approve(record, 10);
        await expect(store.changeStatus(statusChange(record, 'rejected', 11))).rejects.toMatchObject({
          code: 'VersionConflict',
          message: expect.stringContaining('version 2'),
        });
        expect(await store.getComment('c1')).toMatchObject({ status: 'approved', version: 2 });
        expect(await store.getHistory('c1')).toHaveLength(2);
        expect(await store.getAuthorRecord('h')).toEqual({ approved: 1, rejected: 0, spam: 0 });
      });

      it('refuses a change to a comment that is gone with NotFound', async () => {
        const record = await insert({ id: 'c1' });
        await store.deleteComment({ comment: record.comment, contact: record.contact, at: at(5), actor: 'mod' });
        await expect(store.changeStatus(statusChange(record, 'approved', 10))).rejects.toMatchObject({ code: 'NotFound' });
      });

      it('refuses to set a purge time on private data erased meanwhile, as a conflict', async () => {
        const record = await insert({ id: 'c1' });
        await store.deleteContact(record.contact);
        await expect(store.changeStatus({ ...statusChange(record, 'spam', 10), expiresAt: 2_000_000_000 })).rejects.toMatchObject({
          code: 'VersionConflict',
        });
        expect(await store.getComment('c1')).toMatchObject({ status: 'pending', version: 1 });
      });

      it('moves the author counts with the status and takes a rejected comment off the public page', async () => {
        const record = await insert({ id: 'c1', emailHash: 'h' });
        const approved = await approve(record, 10);
        await store.changeStatus({ ...statusChange({ ...record, comment: approved }, 'spam', 20), expiresAt: 2_000_000_000 });
        expect(await store.getAuthorRecord('h')).toEqual({ approved: 0, rejected: 0, spam: 1 });
        expect((await store.listPublished('article-1', 10)).items).toEqual([]);
        expect((await store.listByStatus({ status: 'spam', limit: 10, newestFirst: true })).items.map((c) => c.id)).toEqual(['c1']);
      });
    });

    describe('lists', () => {
      it("pages an article's published comments oldest first, public fields only, until a page says there is no more", async () => {
        const records = [];
        for (const n of [1, 2, 3, 4, 5]) {
          const record = await insert({ id: `p${n}`, second: n, status: 'approved' });
          records.push(record);
        }
        await insert({ id: 'other-article', second: 3, articleId: 'article-2', status: 'approved' });
        await insert({ id: 'held', second: 3 });

        const first = await store.listPublished('article-1', 2);
        expect(first.items).toEqual(
          records.slice(0, 2).map(({ comment: c }) => ({
            id: c.id,
            parentId: null,
            author: c.author,
            url: c.url,
            comment: c.comment,
            createdAt: c.createdAt,
          })),
        );
        expect(first.last).toBeDefined();
        const second = await store.listPublished('article-1', 2, first.last);
        expect(second.items.map((c) => c.id)).toEqual(['p3', 'p4']);
        const third = await store.listPublished('article-1', 2, second.last);
        expect(third.items.map((c) => c.id)).toEqual(['p5']);
        expect(third.last).toBeUndefined();
        // A page ending exactly at the last comment says so too.
        const whole = await store.listPublished('article-1', 5);
        expect(whole.items).toHaveLength(5);
        expect(whole.last).toBeUndefined();
      });

      it('continues after a position even when the comment there has left the list', async () => {
        for (const n of [1, 2, 3]) await insert({ id: `p${n}`, second: n, status: 'approved' });
        const first = await store.listPublished('article-1', 2);
        const p2 = (await store.getComment('p2'))!;
        await store.changeStatus({
          comment: p2,
          contact: await store.getContact('p2'),
          to: 'rejected',
          at: at(9),
          actor: 'mod',
          reason: null,
          expiresAt: null,
        });
        expect((await store.listPublished('article-1', 2, first.last)).items.map((c) => c.id)).toEqual(['p3']);
      });

      it('lists a status oldest or newest first, across articles or for one, each comment with its email', async () => {
        await insert({ id: 'q1', second: 1 });
        await insert({ id: 'q2', second: 2, articleId: 'article-2' });
        await insert({ id: 'q3', second: 3 });
        await insert({ id: 'done', second: 4, status: 'approved' });

        const oldest = await store.listByStatus({ status: 'pending', limit: 2, newestFirst: false });
        expect(oldest.items.map((c) => [c.id, c.email])).toEqual([
          ['q1', 'q1@example.com'],
          ['q2', 'q2@example.com'],
        ]);
        const rest = await store.listByStatus({ status: 'pending', limit: 2, newestFirst: false, after: oldest.last });
        expect(rest.items.map((c) => c.id)).toEqual(['q3']);
        expect(rest.last).toBeUndefined();

        const newest = await store.listByStatus({ status: 'pending', limit: 1, newestFirst: true });
        expect(newest.items.map((c) => c.id)).toEqual(['q3']);
        const older = await store.listByStatus({ status: 'pending', limit: 5, newestFirst: true, after: newest.last });
        expect(older.items.map((c) => c.id)).toEqual(['q2', 'q1']);

        const ofArticle = await store.listByStatus({ status: 'pending', articleId: 'article-1', limit: 5, newestFirst: false });
        expect(ofArticle.items.map((c) => c.id)).toEqual(['q1', 'q3']);
        expect(ofArticle.items[0]).toEqual({
          ...(await store.getComment('q1')),
          email: 'q1@example.com',
          authorRecord: { approved: 0, rejected: 0, spam: 0 },
          reports: NO_REPORTS,
        });
      });

      it("shows each comment with its email's record of approved, rejected and spam comments", async () => {
        const first = await insert({ id: 'a1', second: 1, emailHash: 'regular' });
        await approve(first, 2);
        await insert({ id: 'a2', second: 3, emailHash: 'regular', status: 'spam' });
        await insert({ id: 'a3', second: 4, emailHash: 'regular' });
        await insert({ id: 'b1', second: 5, emailHash: 'newcomer' });

        const queue = await store.listByStatus({ status: 'pending', limit: 5, newestFirst: false });
        expect(queue.items.map((c) => [c.id, c.authorRecord])).toEqual([
          ['a3', { approved: 1, rejected: 0, spam: 1 }],
          ['b1', { approved: 0, rejected: 0, spam: 0 }],
        ]);
      });

      it('finds the oldest pending comment, and none once the queue is empty', async () => {
        expect(await store.oldestPendingAt()).toBeNull();
        await insert({ id: 'later', second: 50, articleId: 'article-2' });
        const oldest = await insert({ id: 'oldest', second: 10 });
        await insert({ id: 'published', second: 1, status: 'approved' });
        expect(await store.oldestPendingAt()).toBe(at(10));

        await approve(oldest, 60);
        expect(await store.oldestPendingAt()).toBe(at(50));
      });

      it('lists a status by risk: highest score first, ties newest first, unscored last, and follows status changes', async () => {
        await insert({ id: 'low', second: 1, risk: 0.1 });
        await insert({ id: 'none', second: 2 });
        await insert({ id: 'high', second: 3, risk: 0.95 });
        await insert({ id: 'mid-old', second: 4, risk: 0.6 });
        await insert({ id: 'mid-new', second: 5, risk: 0.6 });
        const first = await store.listByStatus({ status: 'pending', limit: 3, newestFirst: false, byRisk: true });
        expect(first.items.map((c) => c.id)).toEqual(['high', 'mid-new', 'mid-old']);
        const rest = await store.listByStatus({ status: 'pending', limit: 3, newestFirst: false, byRisk: true, after: first.last });
        expect(rest.items.map((c) => c.id)).toEqual(['low', 'none']);

        const high = (await store.getComment('high'))!;
        await store.changeStatus({
          comment: high,
          contact: undefined,
          to: 'rejected',
          at: at(9),
          actor: 'mod',
          reason: null,
          expiresAt: null,
        });
        expect(
          (await store.listByStatus({ status: 'pending', limit: 1, newestFirst: false, byRisk: true })).items.map((c) => c.id),
        ).toEqual(['mid-new']);
        expect(
          (await store.listByStatus({ status: 'rejected', limit: 5, newestFirst: true, byRisk: true })).items.map((c) => c.id),
        ).toEqual(['high']);
      });

      it('shows a comment whose private data is gone with no email', async () => {
        const record = await insert({ id: 'q1' });
        await store.deleteContact(record.contact);
        expect((await store.listByStatus({ status: 'pending', limit: 5, newestFirst: false })).items).toEqual([
          { ...record.comment, email: null, authorRecord: null, reports: NO_REPORTS },
        ]);
        expect(await store.getComment('q1')).toEqual(record.comment);
        // Its guards went with it.
        await expect(insert({ id: 'q2', guardKeys: record.contact.guardKeys })).resolves.toBeDefined();
      });
    });

    describe('delete and anonymise', () => {
      it('delete erases the comment and its private data, frees its guards, uncounts it and keeps its history', async () => {
        const record = await insert({ id: 'c1', emailHash: 'h', status: 'approved' });
        await store.deleteComment({ comment: record.comment, contact: record.contact, at: at(30), actor: 'mod', reason: 'off topic' });
        expect(await store.getComment('c1')).toBeUndefined();
        expect(await store.getContact('c1')).toBeUndefined();
        expect((await store.listPublished('article-1', 10)).items).toEqual([]);
        expect(await store.getAuthorRecord('h')).toEqual({ approved: 0, rejected: 0, spam: 0 });
        expect(await store.getHistory('c1')).toEqual([
          record.history,
          { at: at(30), actor: 'mod', from: 'approved', to: 'deleted', reason: 'off topic', rule: null },
        ]);
        await expect(insert({ id: 'c2', guardKeys: record.contact.guardKeys })).resolves.toBeDefined();
      });

      it('delete on a stale version is VersionConflict and erases nothing', async () => {
        const record = await insert({ id: 'c1' });
        await approve(record, 10);
        await expect(
          store.deleteComment({ comment: record.comment, contact: record.contact, at: at(30), actor: 'mod' }),
        ).rejects.toMatchObject({
          code: 'VersionConflict',
        });
        expect(await store.getComment('c1')).toMatchObject({ version: 2 });
        expect(await store.getContact('c1')).toEqual(record.contact);
      });

      it('anonymise keeps the text and status, drops the name, website and private data, and keeps the counts', async () => {
        const record = await insert({ id: 'c1', emailHash: 'h', status: 'approved' });
        const erasure = {
          comment: record.comment,
          contact: record.contact,
          at: at(40),
          actor: 'privacy',
          reason: 'request',
          rule: 'erase',
        };
        const anonymous = await store.anonymiseComment(erasure);
        expect(anonymous).toEqual({ ...record.comment, author: 'Anonymous', url: null, version: 2, updatedAt: at(40) });
        expect(await store.getComment('c1')).toEqual(anonymous);
        expect(await store.getContact('c1')).toBeUndefined();
        expect((await store.listPublished('article-1', 10)).items.map((c) => [c.author, c.url, c.comment])).toEqual([
          ['Anonymous', null, record.comment.comment],
        ]);
        expect(await store.getAuthorRecord('h')).toEqual({ approved: 1, rejected: 0, spam: 0 });
        expect((await store.getHistory('c1')).at(-1)).toEqual({
          at: at(40),
          actor: 'privacy',
          from: 'approved',
          to: 'anonymised',
          reason: 'request',
          rule: 'erase',
        });
        await expect(insert({ id: 'c2', guardKeys: record.contact.guardKeys })).resolves.toBeDefined();
        await expect(store.anonymiseComment(erasure)).rejects.toMatchObject({ code: 'VersionConflict' });
      });
    });

    describe('private data by email', () => {
      it("pages an email's contacts oldest first, from a given time, and finds their comments", async () => {
        for (const n of [1, 2, 3, 4]) await insert({ id: `e${n}`, second: n * 100, emailHash: 'h' });
        await insert({ id: 'someone-else', second: 150, emailHash: 'other' });

        const first = await store.listContactsByEmailHash('h', 3);
        expect(first.items.map((ref) => [ref.contact.commentId, ref.createdAt])).toEqual([
          ['e1', at(100)],
          ['e2', at(200)],
          ['e3', at(300)],
        ]);
        expect(first.items[0]!.contact).toEqual(draft({ id: 'e1', emailHash: 'h' }).contact);
        const rest = await store.listContactsByEmailHash('h', 3, first.last);
        expect(rest.items.map((ref) => ref.contact.commentId)).toEqual(['e4']);
        expect(rest.last).toBeUndefined();

        const recent = await store.listContactsByEmailHash('h', 10, undefined, at(200));
        expect(recent.items.map((ref) => ref.contact.commentId)).toEqual(['e2', 'e3', 'e4']);

        const comments = await store.getComments(['e1', 'e3', 'missing']);
        expect([...comments.keys()].sort()).toEqual(['e1', 'e3']);
        expect(comments.get('e3')).toEqual(await store.getComment('e3'));
      });

      it("lists an email's comments in every status newest first, with the record, paged", async () => {
        const kept = await insert({ id: 'e1', second: 100, emailHash: 'h' });
        await approve(kept, 110);
        await insert({ id: 'e2', second: 200, emailHash: 'h', status: 'spam' });
        await insert({ id: 'e3', second: 300, emailHash: 'h' });
        await insert({ id: 'e4', second: 400, emailHash: 'h' });
        await insert({ id: 'someone-else', second: 250, emailHash: 'other' });

        const first = await store.listByEmailHash('h', 2);
        expect(first.items.map((c) => [c.id, c.status, c.email])).toEqual([
          ['e4', 'pending', 'e4@example.com'],
          ['e3', 'pending', 'e3@example.com'],
        ]);
        expect(first.items[0]!.authorRecord).toEqual({ approved: 1, rejected: 0, spam: 1 });
        const rest = await store.listByEmailHash('h', 2, first.last);
        expect(rest.items.map((c) => [c.id, c.status])).toEqual([
          ['e2', 'spam'],
          ['e1', 'approved'],
        ]);
        expect(rest.last).toBeUndefined();
        expect(await store.listByEmailHash('nobody', 5)).toEqual({ items: [] });
      });

      it("forgetAuthor removes the email's counts and the given guards, and nothing of anyone else", async () => {
        await insert({ id: 'c1', emailHash: 'h', status: 'approved', floodKeys: ['flood:email:h'] });
        await insert({ id: 'c2', emailHash: 'other', status: 'approved' });
        await store.forgetAuthor('h', ['flood:email:h']);
        expect(await store.getAuthorRecord('h')).toEqual({ approved: 0, rejected: 0, spam: 0 });
        expect(await store.getAuthorRecord('other')).toEqual({ approved: 1, rejected: 0, spam: 0 });
        await expect(insert({ id: 'c3', second: 1, floodKeys: ['flood:email:h'] })).resolves.toBeDefined();
      });
    });

    describe('reply notifications', () => {
      it('keeps the request on the contact, only when made', async () => {
        const asked = draft({ id: 'asked' });
        await store.insertComment({ ...asked, contact: { ...asked.contact, notifyReplies: true } });
        await insert({ id: 'quiet' });
        expect((await store.getContact('asked'))?.notifyReplies).toBe(true);
        expect(await store.getContact('quiet')).not.toHaveProperty('notifyReplies');
      });

      it('claims a confirmation once per window, never for a confirmed or suppressed address', async () => {
        expect(await store.claimConfirmation('h', at(0), at(-86_400))).toBe(true);
        expect(await store.getSubscriber('h')).toEqual({
          emailHash: 'h',
          state: 'pending',
          createdAt: at(0),
          updatedAt: at(0),
          confirmationSentAt: at(0),
          confirmedAt: null,
        });
        expect(await store.claimConfirmation('h', at(10), at(10 - 86_400))).toBe(false);
        expect(await store.claimConfirmation('h', at(86_400), at(0))).toBe(true);
        expect(await store.setSubscriberState('h', ['pending'], 'confirmed', at(86_401))).toBe(true);
        expect(await store.getSubscriber('h')).toMatchObject({ state: 'confirmed', confirmedAt: at(86_401), createdAt: at(0) });
        expect(await store.claimConfirmation('h', at(999_999), at(999_999))).toBe(false);
        expect(await store.setSubscriberState('s', ['absent'], 'suppressed', at(0))).toBe(true);
        expect(await store.claimConfirmation('s', at(999_999), at(999_999))).toBe(false);
      });

      it('changes a subscriber only from the given states', async () => {
        expect(await store.setSubscriberState('h', ['pending'], 'confirmed', at(0))).toBe(false);
        expect(await store.getSubscriber('h')).toBeUndefined();
        await store.claimConfirmation('h', at(0), at(0));
        expect(await store.setSubscriberState('h', ['confirmed'], 'unsubscribed', at(1))).toBe(false);
        expect(await store.setSubscriberState('h', ['pending', 'confirmed'], 'unsubscribed', at(2))).toBe(true);
        expect(await store.getSubscriber('h')).toMatchObject({ state: 'unsubscribed', updatedAt: at(2), confirmationSentAt: at(0) });
      });

      it('claims a reply mail once per reply, up to the limit of the day, only for a confirmed address', async () => {
        const claim = (replyId: string, day = '2030-03-01') =>
          store.claimReplyMail({ replyId, emailHash: 'h', day, limit: 2, expiresAt: 1 });
        expect(await claim('r1')).toBe('notConfirmed');
        await store.claimConfirmation('h', at(0), at(0));
        await store.setSubscriberState('h', ['pending'], 'confirmed', at(1));
        expect(await claim('r1')).toBe('claimed');
        expect(await claim('r1')).toBe('duplicate');
        expect(await claim('r2')).toBe('claimed');
        expect(await claim('r3')).toBe('overLimit');
        expect(await claim('r3', '2030-03-02')).toBe('claimed');
      });

      it('gives back a claimed mail: its mark and one of the day, and a confirmation claimed at that time only', async () => {
        await store.claimConfirmation('h', at(0), at(0));
        await store.setSubscriberState('h', ['pending'], 'confirmed', at(1));
        const request = (replyId: string) => ({ replyId, emailHash: 'h', day: 'd', limit: 1, expiresAt: 1 });
        expect(await store.claimReplyMail(request('r1'))).toBe('claimed');
        await store.releaseReplyMail(request('r1'));
        expect(await store.claimReplyMail(request('r1'))).toBe('claimed');
        expect(await store.claimReplyMail(request('r2'))).toBe('overLimit');

        expect(await store.claimConfirmation('p', at(0), at(-86_400))).toBe(true);
        await store.releaseConfirmation('p', at(-5));
        expect(await store.claimConfirmation('p', at(10), at(10 - 86_400))).toBe(false);
        await store.releaseConfirmation('p', at(0));
        expect(await store.claimConfirmation('p', at(10), at(10 - 86_400))).toBe(true);
      });

      it('forgetAuthor removes the subscriber and the given mail counts', async () => {
        await store.claimConfirmation('h', at(0), at(0));
        await store.setSubscriberState('h', ['pending'], 'confirmed', at(1));
        const claim = (replyId: string) => store.claimReplyMail({ replyId, emailHash: 'h', day: 'd', limit: 1, expiresAt: 1 });
        expect(await claim('r1')).toBe('claimed');
        await store.claimConfirmation('other', at(0), at(0));
        await store.forgetAuthor('h', ['mailquota:h:d']);
        expect(await store.getSubscriber('h')).toBeUndefined();
        expect(await store.getSubscriber('other')).toBeDefined();
        await store.setSubscriberState('h', ['absent'], 'confirmed', at(2));
        expect(await claim('r2')).toBe('claimed');
      });
    });

    describe("readers' reports", () => {
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

    describe('bans', () => {
      const ban = (id: string, over: Partial<StoredBan> = {}): StoredBan => ({
        id,
        scope: 'both',
        email: 'banned@example.com',
        commentId: 'c1',
        reason: 'abuse',
        actor: 'mod',
        createdAt: at(0),
        expiresAt: null,
        emailHash: `email-${id}`,
        addressHash: `address-${id}`,
        ...over,
      });

      it('stores a ban, finds it by either hash, lists bans newest first and deletes one with what finds it', async () => {
        await store.putBan(ban('b0001'));
        await store.putBan(ban('b0002', { scope: 'email', addressHash: null, expiresAt: at(86_400) }));
        expect(await store.getBan('b0002')).toEqual(ban('b0002', { scope: 'email', addressHash: null, expiresAt: at(86_400) }));
        expect((await store.listBans()).map((b) => b.id)).toEqual(['b0002', 'b0001']);
        expect((await store.findBans({ emailHash: 'nobody', addressHash: 'address-b0001' })).map((b) => b.id)).toEqual(['b0001']);
        expect((await store.findBans({ emailHash: 'email-b0002', addressHash: null })).map((b) => b.id)).toEqual(['b0002']);

        await store.deleteBan((await store.getBan('b0001'))!);
        expect(await store.getBan('b0001')).toBeUndefined();
        expect(await store.findBans({ emailHash: 'email-b0001', addressHash: 'address-b0001' })).toEqual([]);
        expect((await store.listBans()).map((b) => b.id)).toEqual(['b0002']);
      });
    });

    describe('published counts', () => {
      const counts = async (...ids: string[]) => Object.fromEntries(await store.countPublished(ids));

      it('counts comments published at once or approved, per article; pending ones and unknown articles count 0', async () => {
        await insert({ id: 'c1', status: 'approved' });
        await insert({ id: 'c2', second: 1 });
        await insert({ id: 'c3', second: 2, articleId: 'article-2', status: 'spam' });
        expect(await counts('article-1', 'article-2', 'never-commented')).toEqual({ 'article-1': 1, 'article-2': 0, 'never-commented': 0 });
        await approve(draft({ id: 'c2', second: 1 }), 10);
        expect(await counts('article-1')).toEqual({ 'article-1': 2 });
      });

      it('uncounts a published comment that is rejected, marked spam or deleted, and recounts it when approved again', async () => {
        const a = await insert({ id: 'c1', status: 'approved' });
        const b = await insert({ id: 'c2', second: 1, status: 'approved' });
        const c = await insert({ id: 'c3', second: 2, status: 'approved' });
        const rejected = await store.changeStatus(statusChange(a, 'rejected', 10));
        await store.changeStatus({ ...statusChange(b, 'spam', 11), expiresAt: 2_000_000_000 });
        await store.deleteComment({ comment: c.comment, contact: c.contact, at: at(12), actor: 'mod' });
        expect(await counts('article-1')).toEqual({ 'article-1': 0 });
        await store.changeStatus(statusChange({ ...a, comment: rejected }, 'approved', 20));
        expect(await counts('article-1')).toEqual({ 'article-1': 1 });
      });

      it('leaves the count alone when a refused write, a pending delete or an anonymisation changes nothing public', async () => {
        const a = await insert({ id: 'c1', status: 'approved', guardKeys: ['dup:same'] });
        await expect(insert({ id: 'c2', second: 1, status: 'approved', guardKeys: ['dup:same'] })).rejects.toMatchObject({
          code: 'Duplicate',
        });
        await expect(
          store.changeStatus(statusChange({ ...a, comment: { ...a.comment, version: 7 } }, 'rejected', 5)),
        ).rejects.toMatchObject({
          code: 'VersionConflict',
        });
        const pending = await insert({ id: 'c3', second: 2 });
        await store.deleteComment({ comment: pending.comment, contact: pending.contact, at: at(6), actor: 'mod' });
        await store.anonymiseComment({ comment: a.comment, contact: a.contact, at: at(7), actor: 'mod' });
        expect(await counts('article-1')).toEqual({ 'article-1': 1 });
      });
    });

    describe('settings', () => {
      it('answers the defaults until settings are stored, then stores only over the version read', async () => {
        expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
        const first = { ...DEFAULT_SETTINGS, floodSeconds: 30, version: 1 };
        await store.putSettings(first, 0);
        expect(await store.getSettings()).toEqual(first);
        await expect(store.putSettings({ ...first, floodSeconds: 60, version: 1 }, 0)).rejects.toMatchObject({
          code: 'VersionConflict',
          message: expect.stringContaining('version 1'),
        });
        await store.putSettings({ ...first, floodSeconds: 60, version: 2 }, 1);
        expect(await store.getSettings()).toMatchObject({ floodSeconds: 60, version: 2 });
      });
    });
  });
}

function statusChange(record: NewCommentRecord, to: CommentStatus, second: number) {
  return { comment: record.comment, contact: record.contact, to, at: at(second), actor: 'mod', reason: null, expiresAt: null };
}
