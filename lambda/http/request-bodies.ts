/**
 * The moderators' request bodies as zod schemas (the HTTP layer's: the
 * domain receives parsed values): the handlers validate with
 * them and the OpenAPI document (scripts/openapi/schemas.ts) is generated
 * from them, so the document and the code cannot disagree. (The reader's
 * bodies, submission and report, live in validation.ts; the settings' in
 * settings-schema.ts.) Failures become per-field messages (422).
 */
import * as z from 'zod/mini';
import { BAN_MAX_DAYS, BAN_REASON_MAX_LENGTH, BAN_SCOPES, type BanRequest } from '../domain/bans';
import { validationFailed } from '../domain/errors';

/** POST /admin/comments/{id}/ban: what to ban, for how long (null or left out: never ends), and why. */
export const banBody = z.strictObject({
  scope: z.enum(BAN_SCOPES),
  days: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(BAN_MAX_DAYS)))),
  reason: z.optional(
    z.nullable(
      z.string().check(
        z.maxLength(BAN_REASON_MAX_LENGTH),
        z.refine((text) => text.isWellFormed()),
      ),
    ),
  ),
});
export type BanBody = z.infer<typeof banBody>;

export const BAN_FIELD_MESSAGES: Record<keyof BanBody, string> = {
  scope: 'scope must be "email", "address" or "both".',
  days: `days must be null (never ends) or a whole number from 1 to ${BAN_MAX_DAYS}.`,
  reason: `reason must be text of at most ${BAN_REASON_MAX_LENGTH} characters.`,
};

/** POST /admin/privacy/erase: the address whose data is erased (its form is checked by requestedEmail). */
export const erasureBody = z.object({ email: z.string() });

/** Field messages for a failed body: one per field, unknown keys named as such. */
export function fieldErrors(error: z.core.$ZodError, messages: Record<string, string>, unknownKey: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] = unknownKey;
      continue;
    }
    const field = String(issue.path[0] ?? 'body');
    fields[field] ??= messages[field] ?? issue.message;
  }
  return fields;
}

/** A ban's body, parsed: each failing field gets its message (422). */
export function readBanBody(input: Record<string, unknown>): BanRequest {
  const parsed = banBody.safeParse(input);
  if (!parsed.success) throw validationFailed(fieldErrors(parsed.error, BAN_FIELD_MESSAGES, 'is not a ban field.'));
  const { scope, days, reason } = parsed.data;
  return { scope, days: days ?? null, reason: (reason ?? '').trim() };
}
