/** What the contract's cases share: the store opened for each case, and comments as the service would hand them over. */
import { afterEach, beforeEach } from 'vitest';
import type { Comment, CommentStatus, Contact } from '../../../lambda/domain/comment';
import type { NewCommentRecord } from '../../../lambda/domain/ports/store-records';
import type { AuthorStore } from '../../../lambda/domain/ports/author-store';
import type { BanStore } from '../../../lambda/domain/ports/ban-store';
import type { CommentLists } from '../../../lambda/domain/ports/comment-lists';
import type { CommentReads } from '../../../lambda/domain/ports/comment-reads';
import type { ModerationStore } from '../../../lambda/domain/ports/moderation-store';
import type { PrivacyStore } from '../../../lambda/domain/ports/privacy-store';
import type { ReportStore } from '../../../lambda/domain/ports/report-store';
import type { SettingsStore } from '../../../lambda/domain/ports/settings-store';
import type { SubmissionStore } from '../../../lambda/domain/ports/submission-store';
import type { SubscriberStore } from '../../../lambda/domain/ports/subscriber-store';

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

export const T0 = Date.parse('2030-03-01T12:00:00.000Z');
export const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

export interface Draft {
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
export function draft(d: Draft): NewCommentRecord {
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

export function statusChange(record: NewCommentRecord, to: CommentStatus, second: number) {
  return { comment: record.comment, contact: record.contact, to, at: at(second), actor: 'mod', reason: null, expiresAt: null };
}

/**
 * A fresh store for each case of the describe block it is called in (closed
 * after it), reached through `store`, with the two writes most cases start with.
 */
export function contractStore(open: () => Promise<OpenedStore>) {
  let opened: OpenedStore | undefined;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(async () => {
    await opened?.close();
  });
  const current = (): EveryPort => {
    if (!opened) throw new Error('the store is opened for each case');
    return opened.store;
  };
  // Forwards to the store of the running case, so the cases read as calls on one store.
  const store = new Proxy({} as EveryPort, {
    get: (_, method: keyof EveryPort) => {
      const port = current();
      return (port[method] as (...args: unknown[]) => unknown).bind(port);
    },
  });
  const insert = async (d: Draft) => {
    const record = draft(d);
    await store.insertComment(record);
    return record;
  };
  const approve = (record: NewCommentRecord, second: number) => store.changeStatus(statusChange(record, 'approved', second));
  return { store, insert, approve };
}
