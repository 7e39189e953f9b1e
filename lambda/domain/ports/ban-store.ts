/** Bans, kept with the keyed hashes they bar. */
import type { BanSubjects, StoredBan } from '../bans';

/** The look-up submit and reports make before they store anything. */
export interface BanLookup {
  /** Bans naming the email hash or the address hash (ended ones included; the caller checks). */
  findBans(subjects: { emailHash: string | null; addressHash: BanSubjects['addressHash'] }): Promise<StoredBan[]>;
}

export interface BanStore extends BanLookup {
  putBan(ban: StoredBan): Promise<void>;
  getBan(id: string): Promise<StoredBan | undefined>;
  /** Every stored ban, newest first (ended ones may linger until their purge). */
  listBans(): Promise<StoredBan[]>;
  /** Removes the ban and everything that finds it. */
  deleteBan(ban: StoredBan): Promise<void>;
}
