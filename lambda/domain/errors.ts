/**
 * Typed domain errors. The HTTP layer maps each `code` to a status in one
 * place (lambda/http/errors.ts, which also has the transport's own codes:
 * auth, content type, size); nothing else decides status codes.
 */
export type ErrorCode =
  | 'BadRequest'
  | 'NotFound'
  | 'ValidationError'
  | 'CommentsClosed'
  | 'ReportsOff'
  | 'Duplicate'
  | 'VersionConflict'
  | 'TooManyRequests'
  | 'ServiceUnavailable';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: Record<string, string>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const badRequest = (message: string) => new DomainError('BadRequest', message);
export const notFound = (message = 'No such comment.') => new DomainError('NotFound', message);
export const validationFailed = (fields: Record<string, string>) =>
  new DomainError(
    'ValidationError',
    `Please correct ${Object.keys(fields).length === 1 ? 'the highlighted field' : 'the highlighted fields'}.`,
    { fields },
  );
export const commentsClosed = () => new DomainError('CommentsClosed', 'Sorry, comments are closed for this article.');
export const duplicateComment = () =>
  new DomainError('Duplicate', "Duplicate comment detected; it looks as though you've already said that!");
export const versionConflict = (current: number) =>
  new DomainError('VersionConflict', `The comment was changed by someone else (now at version ${current}). Reload it and try again.`);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new DomainError('TooManyRequests', 'You are posting comments too quickly. Slow down.', {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)),
  });
export const serviceUnavailable = (retryAfterSeconds = 2) =>
  new DomainError('ServiceUnavailable', 'The comment service is briefly unavailable. Please try again shortly.', {
    retryAfterSeconds,
  });
