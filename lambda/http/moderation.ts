/** The body of a moderation action (approve, reject, spam). */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { badRequest } from '../domain/errors';
import { optionalJsonObject } from './request';

export const moderationBody = z.object({
  expectedVersion: z.optional(z.int().check(z.minimum(1))),
  reason: z.optional(z.nullable(z.string().check(z.maxLength(500)))),
});

export function readModerationBody(event: APIGatewayProxyEvent): z.infer<typeof moderationBody> {
  const parsed = moderationBody.safeParse(optionalJsonObject(event));
  if (!parsed.success) throw badRequest('expectedVersion must be a whole number of at least 1, and reason text of at most 500 characters.');
  return parsed.data;
}
