/**
 * Bans: a moderator bars an email (through its keyed hash) and/or the
 * address a comment was posted from (a keyed hash kept with the comment's
 * private data). A ban ends by itself at expiresAt (null: never).
 */
export const BAN_SCOPES = ['email', 'address', 'both'] as const;
export type BanScope = (typeof BAN_SCOPES)[number];

export const BAN_MAX_DAYS = 3650;
export const BAN_REASON_MAX_LENGTH = 500;

/** What a moderator asks for, already parsed (lambda/http/request-bodies.ts): null days never end. */
export interface BanRequest {
  scope: BanScope;
  days: number | null;
  reason: string;
}

/** What moderators read about a ban; `email` is the banned email, null for an address-only ban. */
export interface Ban {
  id: string;
  scope: BanScope;
  email: string | null;
  commentId: string;
  reason: string;
  actor: string;
  createdAt: string;
  /** ISO time the ban ends, or null: never. */
  expiresAt: string | null;
}

/** A ban with the keyed hashes it bars; the hashes never leave the store and the domain. */
export interface StoredBan extends Ban {
  emailHash: string | null;
  addressHash: string | null;
}

export const toBanView = ({ emailHash: _e, addressHash: _a, ...ban }: StoredBan): Ban => ban;

export const banIsActive = (ban: Pick<Ban, 'expiresAt'>, now: Date): boolean =>
  ban.expiresAt === null || Date.parse(ban.expiresAt) > now.getTime();

/** What bars a new comment: the keyed hashes of its email and of the address it comes from. */
export interface BanSubjects {
  emailHash: string;
  addressHash: string | null;
}
