/** The comment aggregate and the views different readers get of it. */
import type { AuthorRecord } from './author-record';
import type { Reason } from './reason';
import { NO_REPORTS, type ReportSummary } from './reports';
import type { TriageRecord } from './triage/triage-record';

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** Why the policy (or a moderator) put a comment where it is, e.g. { rule: 'maxLinks', message: '3 links, limit 2' }. */
export type { Reason };

export interface Comment {
  id: string;
  articleId: string;
  parentId: string | null;
  author: string;
  url: string | null;
  comment: string;
  status: CommentStatus;
  createdAt: string;
  updatedAt: string;
  /** Starts at 1; every status change adds 1. Moderators send it back as expectedVersion. */
  version: number;
  reasons: Reason[];
  /** Readers' reports since the last approval; absent when there are none. */
  reports?: ReportSummary;
  /** When the latest of those reports came (the Reported list's order). */
  reportedAt?: string;
  /** The triage's scores when the comment arrived, and whether the gate decided it (absent when nothing scored it). */
  triage?: TriageRecord;
}

/** How risky the classifiers found a comment: its highest score, 0 when none scored it (the queue's sort=risk). */
export const riskOf = (reasons: readonly Reason[]): number =>
  reasons.reduce((highest, r) => (typeof r.score === 'number' && r.score > highest ? r.score : highest), 0);

/** Personal data kept apart from the comment (the private table). */
export interface Contact {
  commentId: string;
  email: string;
  emailHash: string;
  /** Guard items (duplicate locks) owned by this comment, released when it is deleted. */
  guardKeys: string[];
  /** The author asked to be mailed replies to this comment (only once the address is confirmed). */
  notifyReplies?: boolean;
  /** Keyed hash of the address the comment was posted from (for bans by address); null when unknown. */
  addressHash?: string | null;
}

/** What anyone may read: no email, no moderation state. */
export interface PublicComment {
  id: string;
  parentId: string | null;
  author: string;
  url: string | null;
  comment: string;
  createdAt: string;
}

/** What moderators read: everything, including the email and that email's record (null once the email is erased). */
export interface ModeratorComment extends Comment {
  email: string | null;
  authorRecord: AuthorRecord | null;
  reports: ReportSummary;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  from: CommentStatus | null;
  to: CommentStatus | 'deleted' | 'anonymised';
  reason: string | null;
  rule: string | null;
}

export const toPublicComment = (c: Pick<Comment, keyof PublicComment>): PublicComment => ({
  id: c.id,
  parentId: c.parentId ?? null,
  author: c.author,
  url: c.url ?? null,
  comment: c.comment,
  createdAt: c.createdAt,
});

export const toModeratorComment = (
  c: Comment,
  contact: Pick<Contact, 'email'> | undefined,
  authorRecord: AuthorRecord | undefined,
): ModeratorComment => ({
  ...c,
  email: contact?.email ?? null,
  authorRecord: contact && authorRecord ? authorRecord : null,
  reports: c.reports ?? NO_REPORTS,
});
