/**
 * What a moderator may send to PUT /admin/articles/{id}: a partial update;
 * unknown keys and wrong values are field errors (422). Apart from the site's
 * settings schema, so that function builds only this small one.
 */
import * as z from 'zod/mini';
import { validationFailed } from './errors';
import { patchErrors } from './patch-errors';

const isoDate = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s), 'must be an ISO 8601 date'));

export const articlePatch = z.strictObject({
  /** Allowed so a GET body can be sent back; must name the article in the path. */
  articleId: z.optional(z.string()),
  commentsOpen: z.optional(z.boolean()),
  publishedAt: z.optional(z.nullable(isoDate)),
  premoderation: z.optional(z.nullable(z.boolean())),
});
export type ArticlePatch = z.infer<typeof articlePatch>;

/** An article's patch, parsed; every failing field gets its message (422). */
export function readArticlePatch(body: unknown): ArticlePatch {
  const parsed = articlePatch.safeParse(body);
  if (!parsed.success) throw validationFailed(patchErrors(parsed.error));
  return parsed.data;
}
