/**
 * The shape of a route's API documentation, and the parts many routes share.
 * Each route's documentation sits beside its handler, in `<handler>.doc.ts`
 * (exporting `doc`); scripts/openapi/ reads them to generate
 * docs/openapi.json. Never imported by a handler, so never bundled.
 * Answers every route shares (500, 503; 401 and 403 on moderator routes;
 * 413 and 415 on routes with a body) are added by the generator.
 */
import type { SchemaName } from '../../scripts/openapi/schemas';
import { MAX_PAGE_SIZE } from './list-query';

export type ResponseHeader = 'Retry-After' | 'Location' | 'ETag' | 'Cache-Control';

export interface AnswerDoc {
  description: string;
  body?: SchemaName;
  /** A small HTML page instead of JSON (the links in mails). */
  html?: true;
  headers?: ResponseHeader[];
}

export interface QueryDoc {
  name: string;
  description: string;
  schema: Record<string, unknown>;
  required?: boolean;
}

export interface RouteDoc {
  summary: string;
  description: string;
  query?: QueryDoc[];
  /** Takes the Idempotency-Key request header. */
  idempotencyKey?: boolean;
  /** Cacheable at the edge: answers carry an ETag and take If-None-Match (304). */
  conditional?: boolean;
  body?: { required: boolean; json: SchemaName; form?: SchemaName; maxBytes: number; description: string };
  answers: Record<number, AnswerDoc>;
}

export const limit: QueryDoc = {
  name: 'limit',
  description: `Page size, 1 to ${MAX_PAGE_SIZE} (default 50).`,
  schema: { type: 'string', pattern: '^[0-9]+$' },
};
export const cursor: QueryDoc = {
  name: 'cursor',
  description: "The previous page's nextCursor: opaque and bound to this list; an edited or foreign cursor is 400.",
  schema: { type: 'string' },
};
export const MODERATION_BODY_BYTES = 16 * 1024;
export const subscriptionToken: QueryDoc = {
  name: 'token',
  description: 'The signed token from the mail: opaque, no email in it.',
  schema: { type: 'string' },
  required: true,
};

export const EDGE_CACHED =
  ' Cacheable by shared caches: Cache-Control: public, max-age=0, s-maxage=S, stale-while-revalidate=W, stale-if-error=86400 (S and W are deploy-time settings, 10 and 20 by default) and an ETag; deployed, CloudFront serves it, so a newly approved comment shows within S + W seconds and a comment that stops being public is purged within a minute.';
export const notModified: AnswerDoc = {
  description: 'Not modified: If-None-Match named the current ETag; no body.',
  headers: ['ETag', 'Cache-Control'],
};

export const moderationAction = (does: string, status: string): RouteDoc => ({
  summary: does,
  description: `Sets the comment's status to ${status}, with a history entry by the moderator. Repeating the status it already has changes nothing (200). With expectedVersion, a comment changed since is 409 and nothing changes; that check comes first.`,
  body: {
    required: false,
    json: 'ModerationAction',
    maxBytes: MODERATION_BODY_BYTES,
    description: 'Optional: the version the moderator saw and a reason.',
  },
  answers: {
    200: { description: 'The updated comment.', body: 'ModeratorComment' },
    400: { description: 'BadRequest: expectedVersion or reason malformed, or a body that is not a JSON object.', body: 'Error' },
    404: { description: 'NotFound: no such comment (also for an id that cannot exist).', body: 'Error' },
    409: { description: 'VersionConflict: the comment changed since expectedVersion; nothing was changed.', body: 'Error' },
  },
});
