/**
 * What API Gateway answers by itself must look like the functions' answers:
 * the contract's `{ "error", "message" }` JSON with CORS headers, so a
 * browser on the article page can read it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../lambda/domain/errors';
import { statusOf } from '../../lambda/http/response';
import { GATEWAY_ERROR_RESPONSES } from '../../lib/gateway-responses';
import { resourcesOf, synthesize, type CfnResource } from './support';

let responses: Map<string, CfnResource['Properties']>;
beforeAll(() => {
  const { template } = synthesize();
  responses = new Map(
    Object.values(resourcesOf(template, 'AWS::ApiGateway::GatewayResponse')).map((r) => [r.Properties.ResponseType, r.Properties]),
  );
});

/**
 * Renders a gateway response template the way API Gateway's VTL engine
 * would for a sample request. The templates are plain JSON, so rendering
 * must leave them unchanged: no `$` references or `#` directives.
 */
function render(template: string): string {
  expect(template, 'a VTL reference or directive would change the rendered text').not.toMatch(/[$#]/);
  return template;
}

/** Header mapping as API Gateway applies it to a request from `origin`. */
function renderHeaders(parameters: Record<string, string>, origin: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(parameters)) {
    const name = key.replace(/^gatewayresponse\.header\./, '');
    if (value === 'method.request.header.origin') headers[name] = origin;
    else if (/^'.*'$/.test(value)) headers[name] = value.slice(1, -1);
    else throw new Error(`unexpected mapping ${key}: ${value}`);
  }
  return headers;
}

const HANDLER_ONLY_CODES = ['InternalError'];

/**
 * What each gateway response must be, written out here rather than read from
 * lib/gateway-responses.ts (the table the template is built from), so a
 * change to that table shows up as a failing test.
 */
const EXPECTED: ReadonlyArray<{ type: string; status?: number; error: string; message: string; headers?: Record<string, string> }> = [
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
  { type: 'EXPIRED_TOKEN', status: 401, error: 'Unauthorized', message: 'Your session has expired. Sign in again.' },
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

describe('gateway responses', () => {
  it('cover every response type the contract needs', () => {
    for (const type of [
      'DEFAULT_4XX',
      'DEFAULT_5XX',
      'UNAUTHORIZED',
      'ACCESS_DENIED',
      'THROTTLED',
      'WAF_FILTERED',
      'BAD_REQUEST_BODY',
      'REQUEST_TOO_LARGE',
      'MISSING_AUTHENTICATION_TOKEN',
    ]) {
      expect(responses.has(type), type).toBe(true);
    }
    expect([...responses.keys()].sort()).toEqual(GATEWAY_ERROR_RESPONSES.map((r) => r.type).sort());
    expect([...responses.keys()].sort()).toEqual(EXPECTED.map((r) => r.type).sort());
  });

  it.each(EXPECTED.map((r) => [r.type, r] as const))('%s has the pinned status, body and extra headers', (type, expected) => {
    const props = responses.get(type)!;
    expect(props, type).toBeDefined();
    expect(props.StatusCode).toBe(expected.status === undefined ? undefined : String(expected.status));
    expect(JSON.parse(render(props.ResponseTemplates['application/json']))).toEqual({ error: expected.error, message: expected.message });
    const headers = renderHeaders(props.ResponseParameters, 'https://news.example.com');
    for (const [name, value] of Object.entries(expected.headers ?? {})) expect(headers[name], `${type} ${name}`).toBe(value);
    if (!expected.headers?.['Retry-After']) expect(headers['Retry-After'], type).toBeUndefined();
  });

  it.each(GATEWAY_ERROR_RESPONSES.map((r) => [r.type, r] as const))(
    '%s renders as the contract error JSON with CORS headers',
    (type, expected) => {
      const props = responses.get(type)!;
      expect(Object.keys(props.ResponseTemplates)).toEqual(['application/json']);
      const body = JSON.parse(render(props.ResponseTemplates['application/json']));
      expect(Object.keys(body).sort()).toEqual(['error', 'message']);
      expect(typeof body.error).toBe('string');
      expect(body.message).toMatch(/\S/);
      expect(body).toEqual({ error: expected.error, message: expected.message });

      const headers = renderHeaders(props.ResponseParameters, 'https://news.example.com');
      expect(headers).toMatchObject({
        'Access-Control-Allow-Origin': 'https://news.example.com',
        'Access-Control-Expose-Headers': 'Retry-After',
        Vary: 'Origin',
      });
      expect(headers['Access-Control-Allow-Credentials']).toBeUndefined();
      expect(props.StatusCode).toBe(expected.status === undefined ? undefined : String(expected.status));
    },
  );

  it('use the status the functions use for the same error code', () => {
    for (const response of GATEWAY_ERROR_RESPONSES) {
      if (response.status === undefined || HANDLER_ONLY_CODES.includes(response.error)) continue;
      // EXPIRED_TOKEN is a 401 Unauthorized, like a missing token.
      expect(statusOf(response.error as ErrorCode), response.type).toBe(response.status);
    }
  });

  it('answer the contract statuses: unknown route 404, unauthenticated 401, forbidden 403, throttled 429 with Retry-After, too large 413', () => {
    expect(responses.get('MISSING_AUTHENTICATION_TOKEN')).toMatchObject({ StatusCode: '404' });
    expect(JSON.parse(responses.get('MISSING_AUTHENTICATION_TOKEN')!.ResponseTemplates['application/json'])).toEqual({
      error: 'NotFound',
      message: 'No such route.',
    });
    expect(responses.get('UNAUTHORIZED')).toMatchObject({ StatusCode: '401' });
    expect(responses.get('ACCESS_DENIED')).toMatchObject({ StatusCode: '403' });
    expect(responses.get('THROTTLED')).toMatchObject({ StatusCode: '429' });
    expect(renderHeaders(responses.get('THROTTLED')!.ResponseParameters, 'https://x.example')['Retry-After']).toMatch(/^[1-9]\d*$/);
    expect(responses.get('REQUEST_TOO_LARGE')).toMatchObject({ StatusCode: '413' });
    expect(responses.get('BAD_REQUEST_BODY')).toMatchObject({ StatusCode: '400' });
  });
});
