/**
 * What a moderator may send to PUT /admin/settings: a partial update; unknown
 * keys and out-of-range values are field errors (422). (The article's patch
 * is in article-schema.ts.)
 */
import * as z from 'zod/mini';
import { validationFailed } from './errors';
import { patchErrors } from './patch-errors';
import { SPAM_PROVIDERS, TOXICITY_PROVIDERS } from './ports/classifier';
import { parseEntry } from './words';

// An entry must leave something to match once its asterisks and invisible characters are gone.
const word = z.string().check(
  z.minLength(1),
  z.maxLength(100),
  z.refine((entry) => parseEntry(entry) !== null),
);
const days = z.nullable(z.int().check(z.minimum(1), z.maximum(36_500)));
const wordList = z.array(word).check(z.maxLength(1000));
const threshold = z.number().check(z.minimum(0), z.maximum(1));
const triage = z.strictObject({
  spam: z.optional(z.strictObject({ provider: z.optional(z.nullable(z.enum(SPAM_PROVIDERS))), sendPersonalData: z.optional(z.boolean()) })),
  toxicity: z.optional(
    z.strictObject({
      provider: z.optional(z.nullable(z.enum(TOXICITY_PROVIDERS))),
      holdAt: z.optional(threshold),
      rejectAt: z.optional(threshold),
    }),
  ),
  autoDecide: z.optional(
    z.strictObject({
      maxError: z.optional(z.number().check(z.minimum(0), z.maximum(0.1))),
      audit: z.optional(z.number().check(z.minimum(0), z.maximum(0.5))),
      minExamples: z.optional(z.int().check(z.minimum(1), z.maximum(1_000_000))),
    }),
  ),
});

export const settingsPatch = z.strictObject({
  premoderation: z.optional(z.union([z.boolean(), z.literal('auto')])),
  maxLinks: z.optional(z.int().check(z.minimum(0), z.maximum(1000))),
  moderationWords: z.optional(wordList),
  disallowedWords: z.optional(wordList),
  floodSeconds: z.optional(z.int().check(z.minimum(0), z.maximum(86_400))),
  autoApprove: z.optional(
    z.strictObject({
      enabled: z.optional(z.boolean()),
      minApproved: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
      windowDays: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(3650)))),
    }),
  ),
  closeAfterDays: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(36_500)))),
  eraseMode: z.optional(z.enum(['anonymise', 'delete'])),
  retention: z.optional(z.strictObject({ spamDays: z.optional(days), rejectedDays: z.optional(days) })),
  triage: z.optional(triage),
  reports: z.optional(z.strictObject({ threshold: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(1000)))) })),
  version: z.optional(z.int().check(z.minimum(0))),
});
export type SettingsPatch = z.infer<typeof settingsPatch>;

/** A settings patch, parsed; every failing field gets its message (422). */
export function readSettingsPatch(body: unknown): SettingsPatch {
  const parsed = settingsPatch.safeParse(body);
  if (!parsed.success) throw validationFailed(patchErrors(parsed.error));
  return parsed.data;
}
