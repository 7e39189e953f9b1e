/**
 * Who is calling an admin route. In the cloud API Gateway's Cognito
 * authorizer has already checked the token and put its claims on the
 * event; the local runtime does the same with the moderator token. The
 * handler still checks the group itself (defence in depth).
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError } from './errors';

export const MODERATOR_GROUP = 'moderators';

export function requireModerator(event: APIGatewayProxyEvent): { actor: string } {
  const claims = event.requestContext?.authorizer?.claims as Record<string, unknown> | undefined;
  if (!claims || typeof claims !== 'object') throw new HttpError('Unauthorized', 'Sign in as a moderator.');
  const actor = String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? '');
  if (!actor) throw new HttpError('Unauthorized', 'Sign in as a moderator.');
  if (!groupsOf(claims['cognito:groups']).includes(MODERATOR_GROUP)) {
    throw new HttpError('Forbidden', 'Your account is not in the moderators group.');
  }
  return { actor };
}

/** Cognito puts groups on REST events as "a,b" or "[a b]" depending on the path; accept both and arrays. */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}
