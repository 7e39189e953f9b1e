/**
 * HTTP responses; errors become the contract's JSON error here (statuses in
 * ./errors.ts). Unknown errors are a generic 500 (or 503 when the database is
 * unreachable); no error text or stack ever reaches a client.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DomainError } from '../domain/errors';
import { logger, redact } from '../wiring/observability';
import { corsHeaders } from './cors';
import { errorBody, isClientError, statusOf } from './errors';

export { statusOf } from './errors';

export function json(
  event: Pick<APIGatewayProxyEvent, 'headers'>,
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...corsHeaders(event),
      ...headers,
    },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export const noContent = (event: Pick<APIGatewayProxyEvent, 'headers'>): APIGatewayProxyResult => ({
  statusCode: 204,
  headers: { 'Cache-Control': 'no-store', ...corsHeaders(event) },
  body: '',
});

/** Network failures and throttling: the database is unavailable, try again. */
const UNAVAILABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'NetworkingError',
]);

export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (
    UNAVAILABLE.has(error.name) ||
    (code !== undefined && UNAVAILABLE.has(code)) ||
    (error.cause !== undefined && isUnavailable(error.cause))
  );
}

export function errorResponse(event: Pick<APIGatewayProxyEvent, 'headers'>, error: unknown): APIGatewayProxyResult {
  if (isClientError(error)) {
    const retryAfterSeconds = error instanceof DomainError ? error.details.retryAfterSeconds : undefined;
    const headers: Record<string, string> = retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {};
    return json(event, statusOf(error.code), errorBody(error), headers);
  }
  if (isUnavailable(error)) {
    logger.warn('database unavailable', { errorName: (error as Error).name });
    return json(
      event,
      503,
      { error: 'ServiceUnavailable', message: 'The comment service is briefly unavailable. Please try again shortly.' },
      { 'Retry-After': '2' },
    );
  }
  const e = error instanceof Error ? error : new Error(String(error));
  logger.error('unexpected error', { errorName: e.name, errorMessage: redact(e.message) });
  return json(event, 500, { error: 'InternalError', message: 'Something went wrong on our side. Please try again.' });
}
