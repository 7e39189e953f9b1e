/**
 * The one place where errors become status codes. The domain's codes
 * (lambda/domain/errors.ts) plus the codes only the transport has: who is
 * calling, and what the request looks like on the wire.
 */
import { DomainError, type ErrorCode as DomainErrorCode } from '../domain/errors';

export type TransportErrorCode = 'Unauthorized' | 'Forbidden' | 'MethodNotAllowed' | 'UnsupportedMediaType' | 'PayloadTooLarge';
export type ErrorCode = DomainErrorCode | TransportErrorCode;

/** A request refused for how it arrived (auth, content type, size), before the domain sees it. */
export class HttpError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

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
  ReportsOff: 403,
  Duplicate: 409,
  VersionConflict: 409,
  TooManyRequests: 429,
  ServiceUnavailable: 503,
};

export const statusOf = (code: ErrorCode): number => STATUS[code];

/** A refusal the client caused and may be told about in full. */
export type ClientError = DomainError | HttpError;
export const isClientError = (error: unknown): error is ClientError => error instanceof DomainError || error instanceof HttpError;

/** The contract's error body: `{ error, message, fields? }`. */
export function errorBody(error: ClientError): { error: ErrorCode; message: string; fields?: Record<string, string> } {
  const fields = error instanceof DomainError ? error.details.fields : undefined;
  return { error: error.code, message: error.message, ...(fields ? { fields } : {}) };
}
