/** Request pieces shared by the moderation routes. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { badRequest, notFound } from '../domain/errors';
import { COMMENT_ID_PATTERN } from '../domain/validation';
import { optionalJsonObject, pathParam } from './request';

export const moderationBody = z.object({
  expectedVersion: z.optional(z.int().check(z.minimum(1))),
  reason: z.optional(z.nullable(z.string().check(z.maxLength(500)))),
});

/** The comment id from the path; a malformed id cannot exist, so it is a 404 like any unknown id. */
export function commentIdParam(event: APIGatewayProxyEvent): string {
  const id = pathParam(event, 'id');
  if (!COMMENT_ID_PATTERN.test(id)) throw notFound();
  return id;
}

export function readModerationBody(event: APIGatewayProxyEvent): z.infer<typeof moderationBody> {
  const parsed = moderationBody.safeParse(optionalJsonObject(event));
  if (!parsed.success) throw badRequest('expectedVersion must be a whole number of at least 1, and reason text of at most 500 characters.');
  return parsed.data;
}

export function expectedVersionQuery(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw badRequest('expectedVersion must be a whole number of at least 1.');
  return Number(raw);
}
