/**
 * Reply-notification wiring from the environment:
 *   MAIL_FROM         the SES identity's address mails come from (no mail without it)
 *   PUBLIC_API_URL    the API's base URL; confirm and unsubscribe links point into it
 *   ARTICLE_URL       an article's page, "{articleId}" replaced (e.g. https://news.example.com/{articleId})
 *   MAIL_CONFIGURATION_SET  the SES configuration set that reports bounces and complaints
 * and the hash key (tokens are signed with it, under their own purpose).
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { dynamoDbCommentReads } from '../adapters/dynamodb/comment-reads';
import { dynamoDbSubscriberStore } from '../adapters/dynamodb/subscriptions';
import { SesMailer } from '../adapters/ses/ses-mailer';
import { KeyedHasher } from '../domain/keyed-hash';
import type { MailLinks } from '../domain/reply-notifications/mail';
import { ReplyMailer } from '../domain/reply-notifications/reply-mailer';
import { SubscriptionTokens } from '../domain/reply-notifications/tokens';
import type { Mailer } from '../domain/ports/mailer';
import { secretKey } from './keys';
import { envOptional, envString } from '../environment';
import { onceUntilFailure } from './once';
import { storeContext } from './stores';

export function mailLinksFromEnvironment(): MailLinks {
  const template = envString('ARTICLE_URL');
  return {
    from: envString('MAIL_FROM'),
    apiUrl: envString('PUBLIC_API_URL').replace(/\/+$/, ''),
    articleUrl: (articleId) => template.replaceAll('{articleId}', encodeURIComponent(articleId)),
  };
}

/** The stream's mailer over any Mailer (the local outbox passes its own). */
export async function replyMailerWith(mailer: Mailer): Promise<ReplyMailer> {
  const tokens = new SubscriptionTokens(new KeyedHasher(await secretKey('HASH_KEY')));
  const store = { ...dynamoDbCommentReads(storeContext()), ...dynamoDbSubscriberStore(storeContext()) };
  return new ReplyMailer({ store, mailer, tokens, links: mailLinksFromEnvironment() });
}

export const replyMailerFromEnvironment = onceUntilFailure(() =>
  replyMailerWith(new SesMailer(new SESv2Client({}), envOptional('MAIL_CONFIGURATION_SET'))),
);
