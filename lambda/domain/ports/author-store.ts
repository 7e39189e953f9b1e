/** What is known of one author (by email hash): the counts auto-approve reads, and their private data. */
import type { AuthorRecord } from '../policy';
import type { ContactRef, Page } from './store-records';

export interface AuthorStore {
  /** The email's approved / rejected / spam counts. */
  getAuthorRecord(emailHash: string): Promise<AuthorRecord>;
  /** One page (at most `limit`) of the private data stored under an email hash, oldest first; `since` (ISO time) skips older comments. */
  listContactsByEmailHash(emailHash: string, limit: number, after?: string, since?: string): Promise<Page<ContactRef>>;
}
