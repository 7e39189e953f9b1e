/**
 * What one new comment is stored as, built in one place for a posted comment
 * and an imported one, so the two cannot drift: the comment at version 1, its
 * private contact with its duplicate guards, its first history entry (from
 * its first reason), its flood locks and its spam or rejected purge time.
 */
import type { NewCommentRecord } from './ports/store-records';
import type { Comment, Contact } from './comment';
import { duplicateKeys } from './guards';
import type { KeyedHasher } from './keyed-hash';
import { expiryFor, type SiteSettings } from './settings';

/** The comment's own fields; its version and updatedAt follow from being new. */
export type NewComment = Pick<
  Comment,
  'id' | 'articleId' | 'parentId' | 'author' | 'url' | 'comment' | 'status' | 'createdAt' | 'reasons' | 'triage'
>;

export interface NewCommentParts {
  comment: NewComment;
  /** The author's address; '' when there is none (an imported comment whose export had no usable one). */
  email: string;
  emailHash: string;
  /** The rest of the private item: where it was posted from, whether replies are mailed. */
  contact?: Pick<Contact, 'addressHash' | 'notifyReplies'>;
  /** Who put it in its first status, for its history ('system' for the submission rules). */
  actor: string;
  /** When it is stored: its history entry's time, and when a spam or rejected one's retention starts. */
  storedAt: Date;
  retention: SiteSettings['retention'];
  firstCommentOfArticle: boolean;
  /** Flood locks to take and how long they hold; none when left out. */
  flood?: { keys: string[]; ms: number };
  /** The caller adds to the article's published counter itself (see NewCommentRecord). */
  publishedCountLater?: boolean;
}

export function newCommentRecord(hasher: KeyedHasher, parts: NewCommentParts): NewCommentRecord {
  const { comment: fields, storedAt } = parts;
  const comment: Comment = {
    id: fields.id,
    articleId: fields.articleId,
    parentId: fields.parentId,
    author: fields.author,
    url: fields.url,
    comment: fields.comment,
    status: fields.status,
    createdAt: fields.createdAt,
    updatedAt: fields.createdAt,
    version: 1,
    reasons: fields.reasons,
    ...(fields.triage ? { triage: fields.triage } : {}),
  };
  const primary = comment.reasons[0];
  return {
    comment,
    contact: {
      commentId: comment.id,
      email: parts.email,
      emailHash: parts.emailHash,
      guardKeys: guardKeysFor(hasher, comment, parts.email, parts.emailHash),
      ...parts.contact,
    },
    history: {
      at: storedAt.toISOString(),
      actor: parts.actor,
      from: null,
      to: comment.status,
      reason: primary?.message ?? null,
      rule: primary?.rule ?? null,
    },
    floodKeys: parts.flood?.keys ?? [],
    floodMs: parts.flood?.ms ?? 0,
    expiresAt: expiryFor(comment.status, parts.retention, storedAt),
    firstCommentOfArticle: parts.firstCommentOfArticle,
    ...(parts.publishedCountLater ? { publishedCountLater: true } : {}),
  };
}

/**
 * The duplicate locks a comment takes: by email and by name. Without an
 * email only the name one: two guests who both wrote "+1" are not duplicates.
 */
function guardKeysFor(hasher: KeyedHasher, comment: Comment, email: string, emailHash: string): string[] {
  const [byEmail, byName] = duplicateKeys(hasher, comment, emailHash, comment.author);
  return email === '' ? [byName!] : [byEmail!, byName!];
}
