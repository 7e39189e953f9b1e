/**
 * Cross-origin rules, said once: the stack's preflight (lib/), the local
 * gateway and the functions' responses all use these.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { envString } from '../environment';
import { headerValue } from './headers';

/** Request headers a browser may send. */
export const CORS_ALLOW_HEADERS = ['Content-Type', 'Authorization', 'Idempotency-Key'] as const;
/** Response headers a browser script may read. */
export const CORS_EXPOSE_HEADERS = ['Retry-After'] as const;

/** Origins allowed to call the API from a browser and to receive a form's redirect (comma-separated ALLOWED_ORIGINS). */
export function allowedOrigins(): string[] {
  return envString('ALLOWED_ORIGINS')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

export function corsHeaders(event: Pick<APIGatewayProxyEvent, 'headers'>): Record<string, string> {
  const origin = headerValue(event, 'origin');
  if (!origin || !allowedOrigins().includes(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'false',
    'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS.join(','),
    Vary: 'Origin',
  };
}
