/**
 * Every environment variable a function reads, with what it means and its
 * default: the one list. Functions read them only through the readers below,
 * so a name is spelled once on the function side and a misspelt name fails
 * to compile. The stack (lib/) and the local runtime (scripts/local/) set them.
 */

interface Variable {
  readonly meaning: string;
  /** Used when the variable is unset or empty; a variable without one is required when read. */
  readonly default?: string;
}

export const VARIABLES = {
  COMMENTS_TABLE: { meaning: 'the comments table' },
  PRIVATE_TABLE: { meaning: 'the private table (emails, guards, bans)' },
  DYNAMODB_ENDPOINT: { meaning: 'a DynamoDB Local endpoint (local runs and tests only)', default: '' },
  AWS_REGION: { meaning: 'the region (set by Lambda; locally "local")', default: 'local' },
  HASH_KEY: { meaning: 'the key of email hashes and guards, given directly (local runs only)', default: '' },
  HASH_KEY_SECRET_ARN: { meaning: 'the Secrets Manager secret holding the hash key', default: '' },
  CURSOR_KEY: { meaning: 'the key that signs page cursors, given directly (local runs only)', default: '' },
  CURSOR_KEY_SECRET_ARN: { meaning: 'the Secrets Manager secret holding the cursor key', default: '' },
  AKISMET_API_KEY: { meaning: "Akismet's key, given directly (local runs only)", default: '' },
  AKISMET_API_KEY_SECRET_ARN: { meaning: "the Secrets Manager secret holding Akismet's key", default: '' },
  SETTINGS_CACHE_SECONDS: {
    meaning: 'how long a warm function reuses the site settings and an article it read (0: read on every request)',
    default: '5',
  },
  ALLOWED_ORIGINS: { meaning: 'comma-separated origins allowed to call the API from a browser', default: '' },
  REPLY_NOTIFICATIONS: { meaning: '"on" where reply mail can be sent (the form then offers it)', default: 'off' },
  EDGE_CACHE_SECONDS: { meaning: 'seconds the edge keeps a public answer fresh (s-maxage)', default: '10' },
  EDGE_STALE_SECONDS: { meaning: 'seconds the edge may serve it stale while revalidating', default: '20' },
  CLASSIFIERS: { meaning: 'the classifier providers the stack enabled (builtin is always there)', default: 'builtin' },
  CLASSIFIER_TIME_LIMIT_MS: { meaning: 'the time limit of one provider call', default: '800' },
  SITE_URL: { meaning: "the site's front page (Akismet's blog field)", default: '' },
  AKISMET_ENDPOINT: { meaning: 'a stand-in for Akismet (local runs and tests only)', default: '' },
  GUARDRAIL_ID: { meaning: 'the Bedrock guardrail that classifies toxicity', default: '' },
  GUARDRAIL_VERSION: { meaning: "the guardrail's version", default: 'DRAFT' },
  MAIL_FROM: { meaning: "the SES identity's address reply mail comes from" },
  PUBLIC_API_URL: { meaning: "the API's base URL, for confirm and unsubscribe links" },
  ARTICLE_URL: { meaning: 'an article\'s page, "{articleId}" replaced' },
  MAIL_CONFIGURATION_SET: { meaning: 'the SES configuration set that reports bounces and complaints', default: '' },
  NOTIFY_TOPIC_ARN: { meaning: "the SNS topic of the moderators' digest" },
  CONSOLE_URL: { meaning: "the moderators' console, linked from the digest", default: '' },
  EDGE_DISTRIBUTION_ID: { meaning: 'the CloudFront distribution of public reads, purged on change', default: '' },
  EDGE_API_PREFIX: { meaning: 'the path prefix of the API behind that distribution', default: '/api' },
  POWERTOOLS_SERVICE_NAME: { meaning: 'the service name in logs and metrics', default: 'comments' },
  POWERTOOLS_METRICS_NAMESPACE: { meaning: 'the CloudWatch namespace of the metrics', default: 'CommentModeration' },
} as const satisfies Record<string, Variable>;

export type VariableName = keyof typeof VARIABLES;

/** The value, or the default; throws for a required variable that is unset (a deployment error, found on the first request). */
export function envString(name: VariableName): string {
  const value = process.env[name]?.trim();
  if (value) return value;
  const spec: Variable = VARIABLES[name];
  if (spec.default === undefined) throw new Error(`${name} environment variable is not set (${spec.meaning})`);
  return spec.default;
}

/** The value, or undefined when it and its default are empty. */
export function envOptional(name: VariableName): string | undefined {
  return envString(name) || undefined;
}

/** A whole number ≥ 0; an unset or malformed value gives the default. */
export function envCount(name: VariableName): number {
  const value = Number(envString(name));
  if (Number.isInteger(value) && value >= 0) return value;
  return Number((VARIABLES[name] as Variable).default ?? 0);
}
