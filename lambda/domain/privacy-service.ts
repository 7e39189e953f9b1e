/**
 * Privacy requests about one email address (GDPR access and erasure),
 * found through the keyed hash of the address: the private table's
 * byEmailHash index, never a scan. Pure orchestration over the store port.
 */
import type { Comment, Contact, HistoryEntry, ModeratorComment } from './comment';
import { toModeratorComment } from './comment';
import { isEmail, normaliseEmail } from './email';
import { DomainError, validationFailed } from './errors';
import { emailFloodKey } from './guards';
import type { KeyedHasher } from './keyed-hash';
import type { AuthorRecord } from './policy';
import { mailDay, mailQuotaKey, type SubscriberState } from './reply-notifications/subscriber';
import type { AuthorStore } from './ports/author-store';
import type { BanStore } from './ports/ban-store';
import type { CommentReads } from './ports/comment-reads';
import type { ModerationStore } from './ports/moderation-store';
import type { PrivacyStore } from './ports/privacy-store';
import type { SettingsStore } from './ports/settings-store';
import type { SubscriberStore } from './ports/subscriber-store';
import { removeBansOfEmail } from './use-cases/bans';

/** The ports an export or an erasure reads and writes through. */
export type PrivacyStores = PrivacyStore &
  AuthorStore &
  CommentReads &
  Pick<ModerationStore, 'deleteComment'> &
  Pick<BanStore, 'findBans' | 'deleteBan'> &
  Pick<SettingsStore, 'getSettings'> &
  Pick<SubscriberStore, 'getSubscriber'>;

export interface PrivacyDeps {
  store: PrivacyStores;
  hasher: KeyedHasher;
  now?: () => Date;
}

export interface PrivacyExport {
  email: string;
  /** Every stored comment of the address, as moderators see it, each with its history. */
  comments: Array<ModeratorComment & { history: HistoryEntry[] }>;
  /** Private data whose comment was already purged (normally none). */
  contactsWithoutComment: Array<{ commentId: string; email: string; createdAt: string }>;
  /** The counts auto-approve keeps for the address. */
  counts: AuthorRecord;
  /** Reply notifications: the address's state and the comments whose replies it asked for; null when it never asked. */
  subscription: {
    state: SubscriberState;
    createdAt: string | null;
    confirmedAt: string | null;
    commentIds: string[];
  } | null;
}

export interface ErasureReceipt {
  email: string;
  erased: number;
}

const PAGE_SIZE = 100;
/** Comments erased at once: enough to be quick, few enough not to throttle a table. */
const PARALLEL = 5;
const ERASE_REASON = 'privacy erasure request';
const ERASE_RULE = 'privacyErase';

/** The address from a query or body: a 422 on `email` when it cannot be one. */
export function requestedEmail(raw: unknown): string {
  const email = typeof raw === 'string' ? raw.trim() : '';
  if (email === '') throw validationFailed({ email: 'Give the email address the request is about.' });
  if (Buffer.byteLength(email) > 254 || !isEmail(email)) throw validationFailed({ email: 'This is not a valid email address.' });
  return email;
}

export class PrivacyService {
  private readonly now: () => Date;

  constructor(private readonly deps: PrivacyDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async export(email: string): Promise<PrivacyExport> {
    const { store } = this.deps;
    const emailHash = this.emailHash(email);
    const [counts, subscriber] = await Promise.all([store.getAuthorRecord(emailHash), store.getSubscriber(emailHash)]);
    const result: PrivacyExport = { email, comments: [], contactsWithoutComment: [], counts, subscription: null };
    const subscribed: string[] = [];
    for await (const page of this.contactPages(emailHash)) {
      subscribed.push(...page.filter((ref) => ref.contact.notifyReplies).map((ref) => ref.contact.commentId));
      const comments = await store.getComments(page.map((ref) => ref.contact.commentId));
      const histories = await inBatches(page, (ref) => store.getHistory(ref.contact.commentId));
      page.forEach((ref, i) => {
        const comment = comments.get(ref.contact.commentId);
        if (comment) result.comments.push({ ...toModeratorComment(comment, ref.contact, result.counts), history: histories[i] ?? [] });
        else result.contactsWithoutComment.push({ commentId: ref.contact.commentId, email: ref.contact.email, createdAt: ref.createdAt });
      });
    }
    if (subscriber || subscribed.length > 0) {
      result.subscription = {
        state: subscriber?.state ?? 'pending',
        createdAt: subscriber?.createdAt ?? null,
        confirmedAt: subscriber?.confirmedAt ?? null,
        commentIds: subscribed,
      };
    }
    return result;
  }

  /**
   * Anonymises or deletes (settings.eraseMode) every comment of the address,
   * then removes its counts, its flood lock and its bans. Idempotent: a repeat finds
   * nothing left and erases 0.
   */
  async erase(email: string, actor: string): Promise<ErasureReceipt> {
    const { store } = this.deps;
    const emailHash = this.emailHash(email);
    const { eraseMode } = await store.getSettings();
    let erased = 0;
    for await (const page of this.contactPages(emailHash)) {
      const comments = await store.getComments(page.map((ref) => ref.contact.commentId));
      const outcomes = await inBatches(page, (ref) => this.eraseOne(ref.contact, comments.get(ref.contact.commentId), eraseMode, actor));
      erased += outcomes.filter(Boolean).length;
    }
    // The subscriber record goes with the counts; the reply-mail counts of today and yesterday with the flood lock.
    const now = this.now().getTime();
    const mailCounts = [now, now - 86_400_000].map((at) => mailQuotaKey(emailHash, mailDay(new Date(at))));
    await store.forgetAuthor(emailHash, [emailFloodKey(emailHash), ...mailCounts]);
    // The email's bans are lifted and removed: no stored item may keep the email or its hash.
    await removeBansOfEmail(store, emailHash);
    return { email, erased };
  }

  /** True when a comment was changed; retries when a moderator changed it meanwhile. */
  private async eraseOne(contact: Contact, found: Comment | undefined, mode: 'anonymise' | 'delete', actor: string): Promise<boolean> {
    let comment = found;
    for (let attempt = 0; ; attempt++) {
      if (!comment) {
        await this.deps.store.deleteContact(contact);
        return false;
      }
      const erasure = { comment, contact, at: this.now().toISOString(), actor, reason: ERASE_REASON, rule: ERASE_RULE };
      try {
        if (mode === 'delete') await this.deps.store.deleteComment(erasure);
        else await this.deps.store.anonymiseComment(erasure);
        return true;
      } catch (error) {
        const changedMeanwhile = error instanceof DomainError && (error.code === 'VersionConflict' || error.code === 'NotFound');
        if (!changedMeanwhile || attempt >= 3) throw error;
        comment = await this.deps.store.getComment(contact.commentId);
      }
    }
  }

  private emailHash(email: string): string {
    return this.deps.hasher.hash('email', normaliseEmail(email));
  }

  private async *contactPages(emailHash: string) {
    let after: string | undefined;
    do {
      const page = await this.deps.store.listContactsByEmailHash(emailHash, PAGE_SIZE, after);
      if (page.items.length > 0) yield page.items;
      after = page.last;
    } while (after);
  }
}

/** Runs `work` over `items` a few at a time; results in input order. */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) results.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(work))));
  return results;
}
