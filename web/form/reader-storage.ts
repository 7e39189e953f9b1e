/**
 * What the browser remembers for the reader, and only for them:
 *  - their name, email and website, in localStorage, only while they tick
 *    "Save my name, email, and website…" (WordPress keeps these in cookies);
 *  - the comments they sent that await moderation, in sessionStorage, so a
 *    reload in the same tab still shows them (never their email);
 *  - the comments they sent that were published at once, likewise, until the
 *    list shows them: the list is cached at the edge for up to S + W seconds,
 *    and a reader must still see their own comment after a reload.
 */
import { readStored, writeStored } from '../shared/dom';
import type { PublishedComment } from './api';

export interface SavedIdentity {
  author: string;
  email: string;
  url: string;
}

const IDENTITY_KEY = 'comment-form:identity';
const local = () => window.localStorage;
const session = () => window.sessionStorage;

export const loadIdentity = (): SavedIdentity | null => readStored<SavedIdentity>(local, IDENTITY_KEY);
export const saveIdentity = (identity: SavedIdentity): void => writeStored(local, IDENTITY_KEY, identity);
export const forgetIdentity = (): void => writeStored(local, IDENTITY_KEY, null);

/** The reader's own comments of one article that the public list does not show yet: awaiting moderation, or published but not in the cached list. */
export class PendingComments {
  private readonly key: string;

  constructor(articleId: string, kind: 'pending' | 'published' = 'pending') {
    this.key = `comment-form:${kind}:${articleId}`;
  }

  all(): PublishedComment[] {
    const stored = readStored<PublishedComment[]>(session, this.key);
    return Array.isArray(stored) ? stored : [];
  }

  add(comment: PublishedComment): void {
    writeStored(session, this.key, [...this.all().filter((c) => c.id !== comment.id), comment]);
  }

  /** Drops those that have since been published. */
  forgetPublished(publishedIds: ReadonlySet<string>): void {
    const before = this.all();
    const after = before.filter((c) => !publishedIds.has(c.id));
    if (after.length !== before.length) writeStored(session, this.key, after.length ? after : null);
  }
}
