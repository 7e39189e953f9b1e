/**
 * HTTP responses, and the one place where errors become status codes.
 * Unknown errors are a generic 500 (or 503 when the database is
 * unreachable); no error text or stack ever reaches a client.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DomainError, type ErrorCode } from '../domain/errors';
import { logger, redact } from '../shared/observability';

const STATUS: Record<ErrorCode, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  UnsupportedMediaType: 415,
  PayloadTooLarge: 413,
  ValidationError: 422,
  CommentsClosed: 403,
  Duplicate: 409,
  VersionConflict: 409,
  TooManyRequests: 429,
  ServiceUnavailable: 503,
};

export const statusOf = (code: ErrorCode): number => STATUS[code];

/** Origins allowed to call the API from a browser (comma-separated ALLOWED_ORIGINS). */
export function corsHeaders(event: Pick<APIGatewayProxyEvent, 'headers'>): Record<string, string> {
  const origin = headerValue(event, 'origin');
  const allowed = (process.env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (!origin || !allowed.includes(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'false',
    'Access-Control-Expose-Headers': 'Retry-After',
    Vary: 'Origin',
  };
}

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
  if (error instanceof DomainError) {
    const { fields, retryAfterSeconds } = error.details;
    const headers: Record<string, string> = retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {};
    return json(event, statusOf(error.code), { error: error.code, message: error.message, ...(fields ? { fields } : {}) }, headers);
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

export function headerValue(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const headers = event.headers ?? {};
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value ?? undefined;
  return undefined;
}
