/** Reading request headers: case-insensitive, and headers that must come once. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { badRequest } from '../domain/errors';

export function headerValue(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const headers = event.headers ?? {};
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value ?? undefined;
  return undefined;
}

/** How many times a header came, counted across spellings too: "Content-Type" and "content-type" arrive as two keys. */
export function headerCount(event: Pick<APIGatewayProxyEvent, 'multiValueHeaders'>, name: string): number {
  const lower = name.toLowerCase();
  return Object.entries(event.multiValueHeaders ?? {}).reduce((n, [k, v]) => n + (k.toLowerCase() === lower ? (v?.length ?? 0) : 0), 0);
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{8,128}$/;

/** The optional Idempotency-Key: at most one, 8 to 128 visible ASCII characters. */
export function idempotencyKey(event: Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'>): string | undefined {
  const key = headerValue(event, 'idempotency-key');
  if (headerCount(event, 'idempotency-key') > 1) throw badRequest('Send exactly one Idempotency-Key header.');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw badRequest('Idempotency-Key must be 8 to 128 visible ASCII characters.');
  return key;
}
