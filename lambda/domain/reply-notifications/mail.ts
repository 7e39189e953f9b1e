/**
 * The two mails the service sends readers: the confirmation of a request
 * for reply notifications, and one reply notification. Plain text only;
 * nothing a reader typed goes into a header, the replier is named by their
 * display name only (anything shaped like an address masked), and the reply
 * is quoted to its first EXCERPT_CHARACTERS characters.
 */
import { maskEmailLike } from '../text-patterns';
import { EXCERPT_CHARACTERS } from './subscriber';

export interface OutgoingMail {
  kind: 'confirmation' | 'reply';
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Extra headers (List-Unsubscribe on reply mails). */
  headers: Record<string, string>;
}

export interface MailLinks {
  /** The address mails come from, e.g. "comments@news.example.com". */
  from: string;
  /** The API's base URL without a trailing slash; confirm and unsubscribe links point into it. */
  apiUrl: string;
  /** The page of an article, where its comments are. */
  articleUrl: (articleId: string) => string;
}

export interface ReplyFacts {
  articleId: string;
  replierName: string;
  replyText: string;
}

const hideAddresses = (text: string) => maskEmailLike(text, '[email hidden]');

/** The first `max` characters (code points, so nothing is cut in half), with an ellipsis when cut. */
export function excerpt(text: string, max = EXCERPT_CHARACTERS): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, max).join('').trimEnd()}…`;
}

export const confirmUrl = (links: MailLinks, token: string) => `${links.apiUrl}/subscriptions/confirm?token=${encodeURIComponent(token)}`;
export const unsubscribeUrl = (links: MailLinks, token: string) =>
  `${links.apiUrl}/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`;

export function confirmationMail(links: MailLinks, to: string, confirmToken: string): OutgoingMail {
  return {
    kind: 'confirmation',
    from: links.from,
    to,
    subject: 'Confirm reply notifications',
    text: [
      'Someone, hopefully you, asked to be told by email when a comment of theirs gets a reply.',
      '',
      'To receive these emails, confirm this address:',
      confirmUrl(links, confirmToken),
      '',
      'If it was not you, ignore this email: nothing else will be sent to this address.',
      '',
    ].join('\n'),
    headers: {},
  };
}

export function replyMail(links: MailLinks, to: string, reply: ReplyFacts, unsubscribeToken: string): OutgoingMail {
  const unsubscribe = unsubscribeUrl(links, unsubscribeToken);
  const article = links.articleUrl(reply.articleId);
  const quoted = excerpt(hideAddresses(reply.replyText))
    .split('\n')
    .map((line) => `> ${line}`.trimEnd());
  return {
    kind: 'reply',
    from: links.from,
    to,
    subject: 'New reply to your comment',
    text: [
      `${hideAddresses(reply.replierName)} replied to your comment:`,
      '',
      ...quoted,
      '',
      `Read it and answer: ${article}`,
      '',
      '--',
      'You get this email because you asked to be told of replies to your comments.',
      `Stop these emails: ${unsubscribe}`,
      '',
    ].join('\n'),
    // RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this URL.
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
