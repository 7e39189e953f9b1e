/**
 * The field messages of a settings or article patch that failed its schema
 * (settings-schema.ts, article-schema.ts): one per key, in words a moderator
 * can act on.
 */
import type * as z from 'zod/mini';

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
