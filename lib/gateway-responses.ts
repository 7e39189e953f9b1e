/**
 * What API Gateway answers when it refuses a request itself (before or
 * instead of a Lambda). Every answer has the contract's error shape
 * `{ "error", "message" }`, the same codes and messages the handlers and
 * the local runtime use, and CORS headers, so the article page shows a real
 * message (for example on a 429) instead of a CORS failure.
 *
 * Data, not code: the stack renders it and tests/infra checks that every
 * template is valid JSON of that shape.
 */

import { CORS_EXPOSE_HEADERS } from '../lambda/http/cors';

export interface GatewayErrorResponse {
  /** API Gateway's ResponseType. */
  type: string;
  /** Status to answer with; undefined keeps the one API Gateway chose (DEFAULT_4XX/5XX). */
  status?: number;
  error: string;
  message: string;
  /** Extra static headers. */
  headers?: Record<string, string>;
}

export const GATEWAY_ERROR_RESPONSES: readonly GatewayErrorResponse[] = [
  { type: 'DEFAULT_4XX', error: 'BadRequest', message: 'The request could not be accepted.' },
  { type: 'DEFAULT_5XX', error: 'InternalError', message: 'Something went wrong on our side. Please try again.' },
  {
    type: 'BAD_REQUEST_BODY',
    status: 400,
    error: 'BadRequest',
    message: 'The request body must be a JSON object whose fields are strings.',
  },
  { type: 'BAD_REQUEST_PARAMETERS', status: 400, error: 'BadRequest', message: 'A required request parameter is missing.' },
  { type: 'UNAUTHORIZED', status: 401, error: 'Unauthorized', message: 'Sign in as a moderator.' },
  { type: 'ACCESS_DENIED', status: 403, error: 'Forbidden', message: 'You are not allowed to do this.' },
  // The Cognito authorizer answers an expired or malformed token with 401; this covers other token errors.
  { type: 'EXPIRED_TOKEN', status: 401, error: 'Unauthorized', message: 'Your session has expired. Sign in again.' },
  // An unknown path or method: without IAM auth API Gateway calls it a missing token; the local runtime says 404.
  { type: 'MISSING_AUTHENTICATION_TOKEN', status: 404, error: 'NotFound', message: 'No such route.' },
  { type: 'RESOURCE_NOT_FOUND', status: 404, error: 'NotFound', message: 'No such route.' },
  { type: 'REQUEST_TOO_LARGE', status: 413, error: 'PayloadTooLarge', message: 'The request body is too large.' },
  {
    type: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    error: 'UnsupportedMediaType',
    message: 'Send application/json or application/x-www-form-urlencoded.',
  },
  {
    type: 'THROTTLED',
    status: 429,
    error: 'TooManyRequests',
    message: 'The comment service is busy. Please try again in a moment.',
    headers: { 'Retry-After': '1' },
  },
  {
    type: 'WAF_FILTERED',
    status: 403,
    error: 'Forbidden',
    // WAF blocks for many reasons (rate, malformed or hostile requests); the answer must not guess which.
    message: 'The request was not accepted. Please try again later.',
  },
  {
    type: 'INTEGRATION_TIMEOUT',
    status: 503,
    error: 'ServiceUnavailable',
    message: 'The comment service is briefly unavailable. Please try again shortly.',
    headers: { 'Retry-After': '2' },
  },
];

/**
 * Headers on every gateway-made error. The allowed origin is the caller's
 * own: these bodies are fixed sentences with no data in them and
 * credentials are never allowed, so any page embedding the form may read
 * them. Responses that carry data (from the functions) and CORS preflights
 * use the configured origin allow-list instead.
 */
export const GATEWAY_ERROR_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': 'method.request.header.origin',
  'Access-Control-Expose-Headers': `'${CORS_EXPOSE_HEADERS.join(',')}'`,
  Vary: "'Origin'",
  'Cache-Control': "'no-store'",
  'X-Content-Type-Options': "'nosniff'",
};

/** The body template of one response: plain JSON, no VTL, so it cannot render invalid. */
export function responseTemplate(response: GatewayErrorResponse): string {
  return JSON.stringify({ error: response.error, message: response.message });
}

/** API Gateway header mappings: static values are single-quoted. */
export function responseHeaders(response: GatewayErrorResponse): Record<string, string> {
  const extra = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, `'${v}'`]));
  return { ...GATEWAY_ERROR_HEADERS, ...extra };
}
