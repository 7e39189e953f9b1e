/**
 * What a reader may submit, with WordPress's limits (bytes, not characters)
 * and per-field messages. Two layers:
 *  - `submissionShape` (zod): the JSON types. A wrong type is a 400, and the
 *    API Gateway request model is generated from this same schema, so the
 *    deployed gateway and the handler refuse exactly the same bodies.
 *  - `validateSubmission` (submission-rules.ts, zod-free, shared with the
 *    browser form): the field rules. Every failing field is reported at
 *    once (422).
 */
import * as z from 'zod/mini';

// The field rules themselves are zod-free so the browser form shares them.
export { LIMITS, COMMENT_ID_PATTERN, ARTICLE_ID_PATTERN, validateSubmission, type ValidSubmission } from './submission-rules';

const optionalText = z.optional(z.nullable(z.string()));

/** The JSON shape of a submission. Unknown fields are allowed and ignored. */
export const submissionShape = z.looseObject({
  comment: optionalText,
  author: optionalText,
  email: optionalText,
  url: optionalText,
  parentId: optionalText,
  comment_parent: optionalText,
  /** Honeypot: hidden in the form, only bots fill it. */
  website_confirm: optionalText,
  /** "yes": mail me replies to this comment (after the address is confirmed); anything else: no. */
  notify_replies: optionalText,
});
export type SubmissionInput = z.infer<typeof submissionShape>;

/** Whether the reader ticked "Notify me of follow-up comments by email". */
export const wantsReplyMail = (input: Pick<SubmissionInput, 'notify_replies'>): boolean =>
  input.notify_replies?.trim().toLowerCase() === 'yes';

/**
 * The JSON shape of a reader's report (POST …/comments/{id}/reports): the reason and the note are strings or null.
 * The handler, the API Gateway model and the OpenAPI document all use it; the values' rules are the use case's (422).
 */
export const reportShape = z.looseObject({
  reason: optionalText,
  note: optionalText,
});

/** Turns a zod failure on the JSON shape into one readable sentence. */
export function describeShapeError(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  return field ? `Field "${field}" must be a string.` : 'The request body must be a JSON object.';
}
