/**
 * Answers the edge may cache: the public list and the comment counts. They
 * carry `Cache-Control: public, max-age=0, s-maxage=S, stale-while-revalidate=W,
 * stale-if-error=86400` (browsers always ask again; a shared cache keeps the
 * answer S seconds, may serve it W seconds longer while it fetches a fresh
 * one, and a day while the origin fails) and a strong ETag of the body, so a
 * cache or a browser asking with If-None-Match gets a bodiless 304.
 *
 * They allow every origin (`*`) instead of echoing the caller's: the data is
 * public and read without credentials, and an answer that varied by Origin
 * could not be shared by readers of different sites behind one cache key.
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { envCount, VARIABLES, type VariableName } from '../environment';
import { CORS_EXPOSE_HEADERS } from './cors';
import { headerValue } from './headers';

/** Seconds a shared cache keeps an answer fresh (S) and may serve it stale while revalidating (W); deploy-time settings. */
export const EDGE_CACHE_ENV = { freshSeconds: 'EDGE_CACHE_SECONDS', staleSeconds: 'EDGE_STALE_SECONDS' } as const satisfies Record<
  string,
  VariableName
>;
export const EDGE_CACHE_DEFAULTS = {
  freshSeconds: Number(VARIABLES.EDGE_CACHE_SECONDS.default),
  staleSeconds: Number(VARIABLES.EDGE_STALE_SECONDS.default),
} as const;
/** How long a cache may keep serving an answer while the origin fails. */
export const STALE_IF_ERROR_SECONDS = 86_400;

export function edgeCacheControl(): string {
  const fresh = envCount(EDGE_CACHE_ENV.freshSeconds);
  const stale = envCount(EDGE_CACHE_ENV.staleSeconds);
  return `public, max-age=0, s-maxage=${fresh}, stale-while-revalidate=${stale}, stale-if-error=${STALE_IF_ERROR_SECONDS}`;
}

export function entityTag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match matches when it lists the tag (weak comparison, as RFC 9110 asks for this header) or is `*`. */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(tag));
}

/** A 200 the edge may cache, or a 304 when the caller already holds this very body. */
export function cacheableJson(event: Pick<APIGatewayProxyEvent, 'headers'>, body: unknown): APIGatewayProxyResult {
  const text = JSON.stringify(body);
  const tag = entityTag(text);
  const headers = {
    'Cache-Control': edgeCacheControl(),
    ETag: tag,
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS.join(','),
  };
  if (matchesIfNoneMatch(headerValue(event, 'if-none-match'), tag)) return { statusCode: 304, headers, body: '' };
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers },
    body: text,
  };
}
