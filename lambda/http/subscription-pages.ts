/** What a reader sees after following a link from a reply-notification mail, by outcome. */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { LinkOutcome } from '../domain/reply-notifications/subscriptions';
import { htmlPage } from './html-page';

const PAGES: Record<LinkOutcome | 'ready', { status: number; title: string; message: string; button?: string }> = {
  confirmed: {
    status: 200,
    title: 'Address confirmed',
    message: 'You will get an email when someone replies to a comment you asked about. Every email has a link to stop them.',
  },
  alreadyConfirmed: { status: 200, title: 'Already confirmed', message: 'This address was confirmed before; nothing changed.' },
  ready: {
    status: 200,
    title: 'Stop reply notifications?',
    message: 'This address will get no more emails about replies to its comments.',
    button: 'Unsubscribe',
  },
  unsubscribed: { status: 200, title: 'Unsubscribed', message: 'This address will get no more emails about replies.' },
  alreadyUnsubscribed: { status: 200, title: 'Not subscribed', message: 'This address gets no emails about replies; nothing changed.' },
  unknown: {
    status: 404,
    title: 'Nothing to change',
    message: 'We hold no notification request for this link (its data may have been erased).',
  },
  invalid: {
    status: 400,
    title: 'This link is not valid',
    message: 'The link is incomplete or was changed. Copy the whole link from the email and try again.',
  },
  expired: {
    status: 400,
    title: 'This link has expired',
    message: 'Ask again by ticking "Notify me of follow-up comments by email" with your next comment.',
  },
};

export function subscriptionPage(outcome: LinkOutcome | 'ready'): APIGatewayProxyResult {
  const { status, ...page } = PAGES[outcome];
  return htmlPage(status, page);
}

/** The `token` query parameter as given; a missing or repeated one is simply not a valid token. */
export function tokenParam(
  event: Pick<APIGatewayProxyEvent, 'queryStringParameters' | 'multiValueQueryStringParameters'>,
): string | undefined {
  if ((event.multiValueQueryStringParameters?.token?.length ?? 0) > 1) return undefined;
  return event.queryStringParameters?.token ?? undefined;
}
