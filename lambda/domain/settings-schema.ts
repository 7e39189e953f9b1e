/**
 * What a moderator may send to PUT /admin/settings and PUT /admin/articles/{id}.
 * Partial updates; unknown keys and out-of-range values are field errors (422).
 */
import * as z from 'zod/mini';
import { validationFailed } from './errors';
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

const isoDate = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s), 'must be an ISO 8601 date'));

export const articlePatch = z.strictObject({
  /** Allowed so a GET body can be sent back; must name the article in the path. */
  articleId: z.optional(z.string()),
  commentsOpen: z.optional(z.boolean()),
  publishedAt: z.optional(z.nullable(isoDate)),
  premoderation: z.optional(z.nullable(z.boolean())),
});
export type ArticlePatch = z.infer<typeof articlePatch>;

const MESSAGES: Record<string, string> = {
  maxLinks: 'maxLinks must be a whole number from 0 to 1000 (0 turns the rule off).',
  floodSeconds: 'floodSeconds must be a whole number from 0 to 86400 (0 turns the rule off).',
  closeAfterDays: 'closeAfterDays must be null or a whole number from 1 to 36500.',
  moderationWords: 'moderationWords must be a list of at most 1000 words of 1 to 100 characters (write *word* to match inside words).',
  disallowedWords: 'disallowedWords must be a list of at most 1000 words of 1 to 100 characters (write *word* to match inside words).',
  retention: 'retention must be { "spamDays": null or 1 to 36500, "rejectedDays": null or 1 to 36500 }.',
  autoApprove: 'autoApprove must be { "enabled": true|false, "minApproved": 1 to 1000, "windowDays": null or 1 to 3650 }.',
  triage:
    'triage must be { "spam": { "provider": "builtin" | "akismet" | null, "sendPersonalData": true|false }, "toxicity": { "provider": "builtin" | "comprehend" | "guardrails" | null, "holdAt": 0 to 1 }, "autoDecide": { ... } }.',
  'triage.autoDecide':
    'triage.autoDecide must be { "maxError": 0 to 0.1, "audit": 0 to 0.5, "minExamples": a whole number from 1 to 1000000 }.',
  eraseMode: 'eraseMode must be "anonymise" or "delete".',
  reports: 'reports must be { "threshold": null (reports off) or a whole number from 1 to 1000 }.',
  premoderation: 'premoderation must be true, false or "auto".',
  version: 'version must be a whole number.',
  commentsOpen: 'commentsOpen must be true or false.',
  publishedAt: 'publishedAt must be null or an ISO 8601 date.',
};

/** Field messages for a failed patch: one per key, the most specific key that has a message of its own (`triage.autoDecide`, else `triage`). */
export function patchErrors(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path.map(String), key].join('.')] = 'is not a setting.';
      continue;
    }
    const key = messageKey(issue.path.map(String));
    fields[key] ??= MESSAGES[key] ?? issue.message;
  }
  return fields;
}

function messageKey(path: string[]): string {
  for (let n = path.length; n > 1; n -= 1) {
    const key = path.slice(0, n).join('.');
    if (MESSAGES[key]) return key;
  }
  return path[0] ?? 'body';
}

/** A settings patch, parsed; every failing field gets its message (422). */
export function readSettingsPatch(body: unknown): SettingsPatch {
  const parsed = settingsPatch.safeParse(body);
  if (!parsed.success) throw validationFailed(patchErrors(parsed.error));
  return parsed.data;
}

/** An article's patch, parsed; every failing field gets its message (422). */
export function readArticlePatch(body: unknown): ArticlePatch {
  const parsed = articlePatch.safeParse(body);
  if (!parsed.success) throw validationFailed(patchErrors(parsed.error));
  return parsed.data;
}
