/**
 * Reply notifications: who has asked for them and what limits hold. An
 * address is a subscriber, keyed by the keyed hash of its email (never the
 * email itself); a comment asks for its replies with `notifyReplies` on its
 * private contact. Nothing but one confirmation mail goes to an address
 * until it is confirmed.
 */

export const SUBSCRIBER_STATES = ['pending', 'confirmed', 'unsubscribed', 'suppressed'] as const;
/**
 * pending: a confirmation mail was sent; confirmed: replies are mailed;
 * unsubscribed: the reader stopped them (ticking the box again asks anew);
 * suppressed: the address bounced or complained, nothing is sent again.
 */
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];

export interface Subscriber {
  emailHash: string;
  state: SubscriberState;
  createdAt: string;
  updatedAt: string;
  confirmationSentAt: string | null;
  confirmedAt: string | null;
}

/** At most one confirmation mail per address in this time. */
export const CONFIRMATION_INTERVAL_MS = 24 * 3600 * 1000;
/** At most this many reply mails per address per (UTC) day. */
export const DAILY_MAIL_LIMIT = 20;
/** Characters of the reply quoted in the mail. */
export const EXCERPT_CHARACTERS = 300;

/** The UTC day a mail counts against, e.g. "2030-03-01". */
export const mailDay = (at: Date): string => at.toISOString().slice(0, 10);

/** Guard keys (private table) of the daily mail count of an address and of the one mail per reply. */
export const mailQuotaKey = (emailHash: string, day: string) => `mailquota:${emailHash}:${day}`;
export const replyMailKey = (replyId: string, emailHash: string) => `replymail:${replyId}:${emailHash}`;

/** What taking one of an address's mails for a reply came to. */
export type ReplyMailClaim = 'claimed' | 'duplicate' | 'overLimit' | 'notConfirmed';
