/** Erasing what the service holds of a person, beyond deleting their comments. */
import type { Comment, Contact } from '../comment';
import type { Erasure } from './store-records';

export interface PrivacyStore {
  /** Keeps the text; author "Anonymous", no website, private data and guards gone; a history entry. VersionConflict when it changed meanwhile. */
  anonymiseComment(change: Erasure): Promise<Comment>;
  /** Deletes private data whose comment is gone already (purged by TTL first), with its guards. */
  deleteContact(contact: Contact): Promise<void>;
  /** Removes what is left of an email once its comments are erased: its counts, its subscriber record and the given guard items. */
  forgetAuthor(emailHash: string, guardKeys: readonly string[]): Promise<void>;
}
