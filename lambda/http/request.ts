/**
 * Reading a request: path and query parameters, the body (JSON or a plain
 * form post) with the contract's order of checks: content type 415, size
 * 413, unparseable 400.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { badRequest } from '../domain/errors';
import { HttpError } from './errors';
import { headerCount, headerValue } from './headers';

export type BodyKind = 'json' | 'form';

export function pathParam(event: APIGatewayProxyEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (value === undefined || value === null) throw badRequest(`Missing path parameter ${name}.`);
  return value;
}

/** Single-valued query parameters; a parameter given twice is refused rather than guessed at. */
export function queryParams(event: APIGatewayProxyEvent, allowed: readonly string[]): Record<string, string | undefined> {
  const multi = event.multiValueQueryStringParameters ?? {};
  const result: Record<string, string | undefined> = {};
  for (const name of allowed) {
    const values = multi[name];
    if (values && values.length > 1) throw badRequest(`Query parameter ${name} was given more than once.`);
    result[name] = event.queryStringParameters?.[name] ?? undefined;
  }
  return result;
}

export function bodyKind(event: APIGatewayProxyEvent): BodyKind {
  if (headerCount(event, 'content-type') > 1) throw new HttpError('UnsupportedMediaType', 'Send exactly one Content-Type header.');
  const type = (headerValue(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  throw new HttpError('UnsupportedMediaType', 'Send the comment as application/json or application/x-www-form-urlencoded.');
}

/** The body as text, refusing bodies over `maxBytes` and bytes that are not UTF-8. */
export function bodyText(event: APIGatewayProxyEvent, maxBytes: number): string {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > maxBytes)
    throw new HttpError('PayloadTooLarge', `The request body is too large (at most ${Math.floor(maxBytes / 1024)} KiB).`);
  if (!event.isBase64Encoded) return raw;
  return utf8OrBadRequest(bytes, 'The request body is not valid UTF-8.');
}

/** Strict UTF-8 (a byte-order mark is kept, as API Gateway keeps it, so JSON.parse refuses it). */
function utf8OrBadRequest(bytes: Uint8Array, message: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw badRequest(message);
  }
}

/**
 * application/x-www-form-urlencoded as URLSearchParams reads it, except that
 * escapes which decode to bytes that are not UTF-8 (a Latin-1 page posting
 * "%E9") are refused instead of silently becoming U+FFFD.
 */
function formPairs(text: string): Array<[string, string]> {
  const decode = (part: string) => {
    const plus = part.replace(/\+/g, ' ');
    if (!plus.includes('%')) return plus;
    const bytes: number[] = [];
    for (let i = 0; i < plus.length; ) {
      const percent = /^%[0-9A-Fa-f]{2}/.exec(plus.slice(i, i + 3));
      if (percent) {
        bytes.push(parseInt(plus.slice(i + 1, i + 3), 16));
        i += 3;
      } else {
        const cp = plus.codePointAt(i)!;
        bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
        i += cp > 0xffff ? 2 : 1;
      }
    }
    return utf8OrBadRequest(Uint8Array.from(bytes), 'The form data is not valid UTF-8.');
  };
  return text
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at === -1 ? [decode(pair), ''] : [decode(pair.slice(0, at)), decode(pair.slice(at + 1))];
    });
}

/** Parses the body into a plain object of fields. */
export function parseBody(kind: BodyKind, text: string): Record<string, unknown> {
  if (kind === 'form') {
    const fields: Record<string, unknown> = Object.create(null);
    for (const [key, value] of formPairs(text)) if (!(key in fields)) fields[key] = value;
    return fields;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

/** An optional JSON object body (moderation actions); empty is {}. */
export function optionalJsonObject(event: APIGatewayProxyEvent, maxBytes = 16 * 1024): Record<string, unknown> {
  const text = bodyText(event, maxBytes);
  if (text.trim() === '') return {};
  if (bodyKind(event) !== 'json') throw new HttpError('UnsupportedMediaType', 'Send application/json.');
  return parseBody('json', text);
}
