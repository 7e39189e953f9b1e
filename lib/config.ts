/**
 * Deployment settings, read from CDK context. Defaults live in cdk.json so a
 * plain `cdk synth` works; override any of them with `-c key=value`.
 * Values given on the command line arrive as strings, so every reader here
 * accepts both the JSON type and its string form.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { PROVIDER_NAMES, type ProviderName } from '../lambda/domain/ports/classifier';
import { isEmail } from '../lambda/domain/email';
import { isOriginShieldRegion, ORIGIN_SHIELD_REGIONS } from './regions';

export interface StackConfig {
  /** API Gateway stage name: the first path segment of the API URL. */
  stageName: string;
  /** Origins of the article pages that embed the comment form (CORS). */
  allowedOrigins: string[];
  /** Stage-wide steady rate (requests/second) and burst. */
  throttlingRateLimit: number;
  throttlingBurstLimit: number;
  /** Addresses that receive alarms and new-comment notifications (SNS email). */
  moderatorEmails: string[];
  logRetention: RetentionDays;
  lambdaMemoryMb: number;
  lambdaTimeoutSeconds: number;
  /** Caps the anonymous (public) functions; null leaves them on the account pool. */
  publicReservedConcurrency: number | null;
  /** WAF: comment posts allowed per client IP in each 5-minute window. */
  commentPostsPerIpPer5Minutes: number;
  /** WAF: requests of any kind allowed per client IP in each 5-minute window, except the read cache's misses. */
  requestsPerIpPer5Minutes: number;
  /** Creates the account-level role API Gateway needs to write execution logs. */
  apiGatewayCloudWatchRole: boolean;
  /** Hosted UI domain prefix; null derives a unique one from the stack id. */
  authDomainPrefix: string | null;
  /** The alarm topic hears when the oldest pending comment has waited longer than this. */
  queueAgeAlarmHours: number;
  /** The classifier providers the functions may call; `builtin` is always there. */
  classifiers: ProviderName[];
  /** Per classifier call, in ms; past it the comment is held as "classifier unavailable". */
  classifierTimeLimitMs: number;
  /** A verified SES identity's address: reply notifications are on and mailed from it; null: off (no box, nothing sent). */
  mailFrom: string | null;
  /** An article's page in reply mails, "{articleId}" replaced; null: the first allowed origin + "/{articleId}". */
  articleUrl: string | null;
  /** Seconds the edge keeps a public read fresh (s-maxage) and may serve it stale while refreshing (stale-while-revalidate). */
  edgeCacheSeconds: number;
  edgeStaleSeconds: number;
  /** Tables and user pool refuse deletion; false only for the first deploy, so a failed first create rolls back cleanly. */
  deletionProtection: boolean;
  /** CloudFront Origin Shield region for the read cache; null: the one nearest to the stack's region, chosen at deploy. */
  originShieldRegion: string | null;
}

export const DEFAULT_CONFIG: StackConfig = {
  stageName: 'api',
  allowedOrigins: ['https://news.example.com'],
  throttlingRateLimit: 50,
  throttlingBurstLimit: 100,
  moderatorEmails: [],
  logRetention: RetentionDays.ONE_MONTH,
  lambdaMemoryMb: 512,
  lambdaTimeoutSeconds: 10,
  publicReservedConcurrency: null,
  commentPostsPerIpPer5Minutes: 100,
  requestsPerIpPer5Minutes: 3000,
  apiGatewayCloudWatchRole: true,
  authDomainPrefix: null,
  queueAgeAlarmHours: 12,
  classifiers: ['builtin'],
  classifierTimeLimitMs: 800,
  mailFrom: null,
  articleUrl: null,
  edgeCacheSeconds: 10,
  edgeStaleSeconds: 20,
  deletionProtection: true,
  originShieldRegion: null,
};

/** Reads the stack settings from the construct tree's context. */
export function readConfig(node: Node): StackConfig {
  const get = (key: string): unknown => node.tryGetContext(key);
  const d = DEFAULT_CONFIG;
  const config: StackConfig = {
    stageName: text(get('stageName'), d.stageName, 'stageName'),
    allowedOrigins: list(get('allowedOrigins'), d.allowedOrigins),
    throttlingRateLimit: positiveNumber(get('throttlingRateLimit'), d.throttlingRateLimit, 'throttlingRateLimit'),
    throttlingBurstLimit: positiveNumber(get('throttlingBurstLimit'), d.throttlingBurstLimit, 'throttlingBurstLimit'),
    moderatorEmails: list(get('moderatorEmails'), d.moderatorEmails),
    logRetention: retention(get('logRetentionDays'), d.logRetention),
    lambdaMemoryMb: positiveNumber(get('lambdaMemoryMb'), d.lambdaMemoryMb, 'lambdaMemoryMb'),
    lambdaTimeoutSeconds: positiveNumber(get('lambdaTimeoutSeconds'), d.lambdaTimeoutSeconds, 'lambdaTimeoutSeconds'),
    publicReservedConcurrency: optionalNumber(get('publicReservedConcurrency'), 'publicReservedConcurrency'),
    commentPostsPerIpPer5Minutes: positiveNumber(
      get('commentPostsPerIpPer5Minutes'),
      d.commentPostsPerIpPer5Minutes,
      'commentPostsPerIpPer5Minutes',
    ),
    requestsPerIpPer5Minutes: positiveNumber(get('requestsPerIpPer5Minutes'), d.requestsPerIpPer5Minutes, 'requestsPerIpPer5Minutes'),
    apiGatewayCloudWatchRole: bool(get('apiGatewayCloudWatchRole'), d.apiGatewayCloudWatchRole),
    authDomainPrefix: optionalText(get('authDomainPrefix')),
    queueAgeAlarmHours: positiveNumber(get('queueAgeAlarmHours'), d.queueAgeAlarmHours, 'queueAgeAlarmHours'),
    classifiers: providers(list(get('classifiers'), d.classifiers)),
    classifierTimeLimitMs: positiveNumber(get('classifierTimeLimitMs'), d.classifierTimeLimitMs, 'classifierTimeLimitMs'),
    mailFrom: optionalText(get('mailFrom')),
    articleUrl: optionalText(get('articleUrl')),
    edgeCacheSeconds: wholeSeconds(get('edgeCacheSeconds'), d.edgeCacheSeconds, 'edgeCacheSeconds'),
    edgeStaleSeconds: wholeSeconds(get('edgeStaleSeconds'), d.edgeStaleSeconds, 'edgeStaleSeconds'),
    deletionProtection: bool(get('deletionProtection'), d.deletionProtection),
    originShieldRegion: optionalText(get('originShieldRegion')),
  };
  if (config.mailFrom !== null && !isEmail(config.mailFrom))
    throw new Error(`mailFrom: "${config.mailFrom}" is not an address like comments@news.example.com (a verified SES identity)`);
  if (config.articleUrl !== null && !/^https?:\/\/[^/\s]+\/\S*\{articleId\}/.test(config.articleUrl))
    throw new Error(
      `articleUrl: "${config.articleUrl}" must be an http(s) URL containing {articleId}, e.g. https://news.example.com/{articleId}`,
    );
  for (const origin of config.allowedOrigins) {
    if (origin === '*' || !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(`allowedOrigins: "${origin}" is not an origin like https://news.example.com (no path, never "*")`);
    }
  }
  // AWS WAF rate-based rules accept limits from 10 up.
  if (config.commentPostsPerIpPer5Minutes < 10) throw new Error('commentPostsPerIpPer5Minutes must be at least 10 (AWS WAF minimum)');
  if (config.requestsPerIpPer5Minutes < 10) throw new Error('requestsPerIpPer5Minutes must be at least 10 (AWS WAF minimum)');
  if (config.originShieldRegion !== null && !isOriginShieldRegion(config.originShieldRegion))
    throw new Error(
      `originShieldRegion: "${config.originShieldRegion}" is not an Origin Shield region (choose from ${ORIGIN_SHIELD_REGIONS.join(', ')}, or leave it unset)`,
    );
  if (!/^[A-Za-z0-9_-]+$/.test(config.stageName))
    throw new Error(`stageName: "${config.stageName}" may hold only letters, digits, - and _`);
  return config;
}

function text(value: unknown, fallback: string, key: string): string {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value !== 'string') throw new Error(`${key} must be a string`);
  return value;
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' && value !== 'null' ? value.trim() : null;
}

/** A JSON array, or a comma-separated string as `-c key=a,b` gives it. */
function list(value: unknown, fallback: string[]): string[] {
  if (value === undefined || value === null) return fallback;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((s) => s.trim()).filter(Boolean);
}

function providers(names: string[]): ProviderName[] {
  for (const name of names) {
    if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
      throw new Error(`classifiers: "${name}" is not a provider (choose from ${PROVIDER_NAMES.join(', ')})`);
    }
  }
  return [...new Set<ProviderName>(['builtin', ...(names as ProviderName[])])];
}

function positiveNumber(value: unknown, fallback: number, key: string): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${key} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}

/** 0 to one day, whole seconds (Cache-Control takes nothing else). */
function wholeSeconds(value: unknown, fallback: number, key: string): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 86_400)
    throw new Error(`${key} must be whole seconds from 0 to 86400, got ${JSON.stringify(value)}`);
  return n;
}

function optionalNumber(value: unknown, key: string): number | null {
  if (value === undefined || value === null || value === '' || value === 'null') return null;
  return positiveNumber(value, 0, key);
}

function bool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  return value === true || value === 'true';
}

/** CloudWatch Logs accepts only certain retention periods. */
function retention(value: unknown, fallback: RetentionDays): RetentionDays {
  if (value === undefined || value === null || value === '') return fallback;
  const days = Number(value);
  const allowed = Object.values(RetentionDays).filter((v): v is RetentionDays => typeof v === 'number');
  if (!allowed.includes(days as RetentionDays)) throw new Error(`logRetentionDays must be one of ${allowed.join(', ')}`);
  return days as RetentionDays;
}
