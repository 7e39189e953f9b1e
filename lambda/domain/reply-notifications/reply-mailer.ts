/**
 * What the comments stream triggers: a confirmation mail when a new comment
 * asks for reply notifications, and one mail to a parent's author when a
 * reply to it is approved. Runs off the request path, so neither a post nor
 * an approval ever waits for mail. Every mail is claimed in the store before
 * it is sent, so a retried batch sends nothing twice; a mail the sender did
 * not accept gives its claim back, so the retry sends it (a mail counts as
 * sent only once SES accepted it).
 */
import type { CommentReads } from '../ports/comment-reads';
import type { SubscriberStore } from '../ports/subscriber-store';
import type { Mailer } from '../ports/mailer';
import { confirmationMail, type MailLinks, replyMail } from './mail';
import { CONFIRMATION_INTERVAL_MS, DAILY_MAIL_LIMIT, mailDay, type ReplyMailClaim } from './subscriber';
import type { SubscriptionTokens } from './tokens';

export interface ReplyMailerDeps {
  store: Pick<CommentReads, 'getContact'> & Omit<SubscriberStore, 'setSubscriberState'>;
  mailer: Mailer;
  tokens: SubscriptionTokens;
  links: MailLinks;
  now?: () => Date;
  dailyLimit?: number;
}

/** An approved reply as the stream shows it. */
export interface ApprovedReply {
  id: string;
  parentId: string;
  articleId: string;
  author: string;
  comment: string;
}

export type ReplyOutcome = ReplyMailClaim | 'sent' | 'notRequested' | 'ownReply';

/** How long the per-reply mark and the daily count are kept (TTL). */
const MARK_SECONDS = 2 * 86_400;

export class ReplyMailer {
  private readonly now: () => Date;

  constructor(private readonly deps: ReplyMailerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** A new comment asked for reply notifications: confirm the address, at most once a day, unless it is confirmed already. */
  async requestConfirmation(commentId: string): Promise<boolean> {
    const { store, mailer, tokens, links } = this.deps;
    const contact = await store.getContact(commentId);
    if (!contact?.notifyReplies) return false;
    const now = this.now();
    const notBefore = new Date(now.getTime() - CONFIRMATION_INTERVAL_MS).toISOString();
    const at = now.toISOString();
    if (!(await store.claimConfirmation(contact.emailHash, at, notBefore))) return false;
    await sendOrRelease(
      () => mailer.send(confirmationMail(links, contact.email, tokens.sign('confirm', contact.emailHash))),
      () => store.releaseConfirmation(contact.emailHash, at),
    );
    return true;
  }

  /** A reply was approved: mail its parent's author once, if they asked, confirmed, did not write it and are under the day's limit. */
  async notifyParent(reply: ApprovedReply): Promise<ReplyOutcome> {
    const { store, mailer, tokens, links } = this.deps;
    const [parent, own] = await Promise.all([store.getContact(reply.parentId), store.getContact(reply.id)]);
    if (!parent?.notifyReplies) return 'notRequested';
    if (own?.emailHash === parent.emailHash) return 'ownReply';
    const now = this.now();
    const request = {
      replyId: reply.id,
      emailHash: parent.emailHash,
      day: mailDay(now),
      limit: this.deps.dailyLimit ?? DAILY_MAIL_LIMIT,
      expiresAt: Math.floor(now.getTime() / 1000) + MARK_SECONDS,
    };
    const claim = await store.claimReplyMail(request);
    if (claim !== 'claimed') return claim;
    const facts = { articleId: reply.articleId, replierName: reply.author, replyText: reply.comment };
    await sendOrRelease(
      () => mailer.send(replyMail(links, parent.email, facts, tokens.sign('unsubscribe', parent.emailHash))),
      () => store.releaseReplyMail(request),
    );
    return 'sent';
  }
}

/** Sends; when the sender refuses or fails, gives the claim back and fails (the stream retries the batch). */
async function sendOrRelease(send: () => Promise<void>, release: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    await release();
    throw error;
  }
}
