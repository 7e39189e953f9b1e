/**
 * Moderators' bans: from a comment, by its email (keyed hash) and/or the
 * keyed hash of the address it was posted from; listed, lifted, and found
 * for a new comment (the ban phase then stores it as spam).
 */
import { randomBytes } from 'node:crypto';
import type { BanLookup, BanStore } from '../ports/ban-store';
import type { CommentReads } from '../ports/comment-reads';
import { type Ban, type BanRequest, type BanSubjects, banIsActive, type StoredBan, toBanView } from '../bans';
import { notFound, validationFailed } from '../errors';

const DAY_MS = 86_400_000;
export const BAN_ID_PATTERN = /^[a-z0-9]{8,40}$/;

export class BanAdmin {
  constructor(
    private readonly store: BanStore & Pick<CommentReads, 'getComment' | 'getContact'>,
    private readonly now: () => Date,
  ) {}

  async ban(commentId: string, request: BanRequest, actor: string): Promise<Ban> {
    const { scope, days, reason } = request;
    const [comment, contact] = await Promise.all([this.store.getComment(commentId), this.store.getContact(commentId)]);
    if (!comment) throw notFound();
    if (!contact) throw validationFailed({ scope: "This comment's private data is gone (erased or purged): there is nothing to ban." });
    const addressHash = contact.addressHash ?? null;
    if (scope !== 'email' && addressHash === null) {
      throw validationFailed({ scope: 'The address this comment came from is not known: ban its email instead.' });
    }
    const now = this.now();
    const ban: StoredBan = {
      id: newBanId(now),
      scope,
      email: scope === 'address' ? null : contact.email,
      commentId,
      reason,
      actor,
      createdAt: now.toISOString(),
      expiresAt: days === null ? null : new Date(now.getTime() + days * DAY_MS).toISOString(),
      emailHash: scope === 'address' ? null : contact.emailHash,
      addressHash: scope === 'email' ? null : addressHash,
    };
    await this.store.putBan(ban);
    return toBanView(ban);
  }

  /** The bans in force, newest first. */
  async list(): Promise<Ban[]> {
    const now = this.now();
    return (await this.store.listBans()).filter((ban) => banIsActive(ban, now)).map(toBanView);
  }

  async lift(id: string): Promise<void> {
    const ban = BAN_ID_PATTERN.test(id) ? await this.store.getBan(id) : undefined;
    if (!ban) throw notFound('No such ban.');
    await this.store.deleteBan(ban);
  }
}

/** The ban in force on a new comment's email or address, if any. */
export async function activeBan(store: BanLookup, subjects: BanSubjects, now: Date): Promise<StoredBan | null> {
  const bans = await store.findBans(subjects);
  return bans.find((ban) => banIsActive(ban, now)) ?? null;
}

/** Lifts and removes every ban of an email (a privacy erasure); answers how many. */
export async function removeBansOfEmail(store: Pick<BanStore, 'findBans' | 'deleteBan'>, emailHash: string): Promise<number> {
  const bans = await store.findBans({ emailHash, addressHash: null });
  for (const ban of bans) await store.deleteBan(ban);
  return bans.length;
}

/** Time-ordered, so the list (sorted by id) is newest first. */
function newBanId(now: Date): string {
  return `${now.getTime().toString(36).padStart(9, '0')}${randomBytes(5).toString('hex')}`;
}
