/**
 * A plain HTML form post (no JavaScript) expects a page, not JSON: answer
 * 303 back to the article with the outcome in the query string. Only to an
 * allowed origin (ALLOWED_ORIGINS); anything else gets the JSON answer.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { allowedOrigins } from './cors';
import { type ClientError, errorBody } from './errors';
import { headerValue } from './headers';

export function redirectTarget(event: APIGatewayProxyEvent, fields: Record<string, unknown>): URL | null {
  const accept = headerValue(event, 'accept') ?? '';
  if (!accept.includes('text/html')) return null;
  const candidate = typeof fields.redirect_to === 'string' && fields.redirect_to ? fields.redirect_to : headerValue(event, 'referer');
  if (!candidate) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  return allowedOrigins().includes(url.origin) ? url : null;
}

export function redirectWithOutcome(target: URL, outcome: Record<string, string>): APIGatewayProxyResult {
  const url = new URL(target);
  for (const key of ['comment_status', 'comment_id', 'comment_error']) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(outcome)) url.searchParams.set(key, value);
  url.hash = 'respond';
  return { statusCode: 303, headers: { Location: url.toString(), 'Cache-Control': 'no-store' }, body: '' };
}

/** The refusal as the page shows it: the message, then what is wrong with each field. */
export function redirectWithError(target: URL, error: ClientError): APIGatewayProxyResult {
  const { message, fields } = errorBody(error);
  return redirectWithOutcome(target, { comment_error: [message, ...Object.values(fields ?? {})].join(' ') });
}
