/**
 * The bodies the API takes and answers, as zod schemas registered under the
 * names the OpenAPI document uses (components/schemas). Request bodies are
 * the very schemas the handlers parse with; answer bodies are written here
 * and checked against the domain's types at compile time, so a field added
 * to a view and not to its schema fails `tsc`.
 */
import * as z from 'zod';
import { SPAM_PROVIDERS, TOXICITY_PROVIDERS } from '../../lambda/domain/ports/classifier';
import { COMMENT_STATUSES, type HistoryEntry, type ModeratorComment, type PublicComment } from '../../lambda/domain/comment';
import type { ErrorCode } from '../../lambda/http/errors';
import type { ErasureReceipt, PrivacyExport } from '../../lambda/domain/privacy-service';
import { SUBSCRIBER_STATES } from '../../lambda/domain/reply-notifications/subscriber';
import type { CommentCounts } from '../../lambda/domain/use-cases/count-comments';
import type { ArticleSettings, SiteSettings } from '../../lambda/domain/settings';
import { BAN_SCOPES, type Ban } from '../../lambda/domain/bans';
import { banBody, erasureBody } from '../../lambda/http/request-bodies';
import { REPORT_NOTE_MAX_BYTES, REPORT_REASONS, type ReportSummary } from '../../lambda/domain/reports';
import { articlePatch } from '../../lambda/domain/article-schema';
import { settingsPatch } from '../../lambda/domain/settings-schema';
import { LIMITS, submissionShape } from '../../lambda/domain/validation';
import { moderationBody } from '../../lambda/http/moderation';
import { triageSummarySchema } from './triage-schema';

const SCHEMAS = z.registry<{ id: string; description: string }>();

const status = z.enum(COMMENT_STATUSES);
const dateTime = z.string().meta({ format: 'date-time' });
const reason = z.object({
  rule: z.string(),
  message: z.string(),
  score: z.number().min(0).max(1).optional().meta({
    description: "A score: a classifier's or the model's (rules spam and toxicity), the one the gate judged (rules gate and audit).",
  }),
  provider: z.string().optional().meta({ description: 'The classifier provider that scored it.' }),
});

const publicComment = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  author: z.string(),
  url: z.string().nullable(),
  comment: z.string(),
  createdAt: dateTime,
});
const authorRecord = z
  .object({ approved: z.int().min(0), rejected: z.int().min(0), spam: z.int().min(0) })
  .describe("How many of this email's stored comments are approved, rejected and spam.");
const moderatorComment = z.object({
  id: z.string(),
  articleId: z.string(),
  parentId: z.string().nullable(),
  author: z.string(),
  email: z.string().nullable(),
  url: z.string().nullable(),
  comment: z.string(),
  status,
  createdAt: dateTime,
  updatedAt: dateTime,
  version: z.int().min(1),
  reasons: z.array(reason),
  authorRecord: authorRecord.nullable().describe("The author's record: null once the email is erased."),
  reports: z.object({
    count: z.int().min(0),
    reasons: z.partialRecord(z.enum(REPORT_REASONS), z.int()),
    notes: z.array(z.string()),
  }),
  reportedAt: dateTime.optional(),
  triage: z
    .object({
      scores: z.object({ remove: z.number().min(0).max(1), spam: z.number().min(0).max(1) }),
      auto: z.enum(['published', 'rejected', 'spam']).nullable(),
      audit: z.boolean(),
      record: authorRecord.optional(),
    })
    .optional()
    .describe(
      'The scores the gate judged when the comment arrived, what it decided without a person (null: nothing), and whether that decision was queued as an audit. Absent when nothing scored the comment.',
    ),
});
const historyEntry = z.object({
  at: dateTime,
  actor: z.string(),
  from: status.nullable(),
  to: z.enum([...COMMENT_STATUSES, 'deleted', 'anonymised']),
  reason: z.string().nullable(),
  rule: z.string().nullable(),
});
const submitted = z.object({ id: z.string(), articleId: z.string(), status: z.enum(['pending', 'approved']), createdAt: dateTime });
const publishedPage = z.object({
  comments: z.array(publicComment),
  nextCursor: z.string().nullable(),
  commentsOpen: z
    .boolean()
    .describe(
      'False once the article takes no more comments (closed by hand, or closeAfterDays): show "Comments are closed." instead of the form.',
    ),
  replyNotifications: z
    .optional(z.literal(true))
    .meta({ description: 'Present where the deployment can send mail: the form then offers notify_replies.' }),
});
const commentCounts = z.object({
  counts: z.record(z.string(), z.int().check(z.nonnegative())).describe('Published comments per requested article id; 0 when unknown.'),
});
const moderationPage = z.object({ comments: z.array(moderatorComment), nextCursor: z.string().nullable() });
const history = z.object({ history: z.array(historyEntry) });
const settings = z.object({
  premoderation: z
    .union([z.boolean(), z.literal('auto')])
    .describe(
      'true: a person sees every comment; false: published unless a rule holds it; "auto": the gate decides what it is sure of, the rest waits.',
    ),
  maxLinks: z.int(),
  moderationWords: z.array(z.string()),
  disallowedWords: z.array(z.string()),
  floodSeconds: z.int(),
  autoApprove: z.object({ enabled: z.boolean(), minApproved: z.int(), windowDays: z.int().nullable() }),
  closeAfterDays: z.int().nullable(),
  eraseMode: z.enum(['anonymise', 'delete']),
  retention: z.object({ spamDays: z.int().nullable(), rejectedDays: z.int().nullable() }),
  triage: z.object({
    spam: z.object({ provider: z.enum(SPAM_PROVIDERS).nullable(), sendPersonalData: z.boolean() }),
    toxicity: z.object({
      provider: z.enum(TOXICITY_PROVIDERS).nullable(),
      holdAt: z.number(),
      rejectAt: z.number().describe('Kept for older clients; no score removes a comment, so it decides nothing.'),
    }),
    autoDecide: z
      .object({ maxError: z.number(), audit: z.number(), minExamples: z.int() })
      .describe(
        'The gate (premoderation "auto"): the error bound automatic decisions keep, the audited share, the decided comments needed.',
      ),
  }),
  reports: z.object({ threshold: z.int().nullable() }),
  version: z.int(),
});
const article = z.object({
  articleId: z.string(),
  commentsOpen: z.boolean(),
  publishedAt: z.string().nullable(),
  premoderation: z.boolean().nullable(),
});
const privacyExport = z.object({
  email: z.string(),
  comments: z.array(moderatorComment.extend({ history: z.array(historyEntry) })),
  contactsWithoutComment: z.array(z.object({ commentId: z.string(), email: z.string(), createdAt: dateTime })),
  counts: z.object({ approved: z.int(), rejected: z.int(), spam: z.int() }),
  subscription: z
    .object({
      state: z.enum(SUBSCRIBER_STATES),
      createdAt: dateTime.nullable(),
      confirmedAt: dateTime.nullable(),
      commentIds: z.array(z.string()),
    })
    .nullable()
    .meta({
      description: 'Reply notifications: the address’s state and the comments whose replies it asked for; null when it never asked.',
    }),
});
const erasureReceipt = z.object({ email: z.string(), erased: z.int().min(0) });
const reportRequest = z.object({
  reason: z.enum(REPORT_REASONS),
  note: z.string().nullable().optional().describe(`Optional; at most ${REPORT_NOTE_MAX_BYTES} UTF-8 bytes.`),
});
const reported = z.object({ reported: z.literal(true) });
const ban = z.object({
  id: z.string(),
  scope: z.enum(BAN_SCOPES),
  email: z.string().nullable(),
  commentId: z.string(),
  reason: z.string(),
  actor: z.string(),
  createdAt: dateTime,
  expiresAt: dateTime.nullable(),
});
const banAnswer = z.object({ ban });
const banList = z.object({ bans: z.array(ban) });

const ERROR_CODES = [
  'BadRequest',
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'UnsupportedMediaType',
  'PayloadTooLarge',
  'ValidationError',
  'CommentsClosed',
  'ReportsOff',
  'Duplicate',
  'VersionConflict',
  'TooManyRequests',
  'ServiceUnavailable',
  'InternalError',
] as const;
const error = z.object({
  error: z.enum(ERROR_CODES).describe('What went wrong, for programs; stable.'),
  message: z.string().describe('What went wrong, for people.'),
});
const validationError = error.extend({
  error: z.literal('ValidationError'),
  fields: z.record(z.string(), z.string()).describe('One message per failing field; every failing field at once.'),
});

const field = (text: string) => z.string().nullable().optional().describe(text);
/** The submission as a plain HTML form posts it (the same fields, all text). */
const submissionForm = z.looseObject({
  comment: field(`Required. 1 to ${LIMITS.comment.toLocaleString('en-US')} UTF-8 bytes after trimming.`),
  author: field(`Required. 1 to ${LIMITS.author} UTF-8 bytes; HTML tags are removed.`),
  email: field(`Required. A valid address of at most ${LIMITS.email} bytes; never published.`),
  url: field(`Optional. Empty, or an http:// or https:// URL of at most ${LIMITS.url} bytes.`),
  comment_parent: field('Optional. The id of a published comment of the same article (alias of parentId).'),
  redirect_to: field("Where a plain form post is sent back to (303); only an origin in the site's allow list."),
});

const DESCRIPTIONS: Record<string, string> = {};
const register = (schema: z.core.$ZodType, id: string, description: string) => {
  DESCRIPTIONS[id] = description;
  SCHEMAS.add(schema, { id, description });
};
register(
  submissionShape,
  'Submission',
  'A comment. Field rules are checked after the types: every failing field is reported at once (422).',
);
register(submissionForm, 'SubmissionForm', 'A comment as a plain HTML form posts it.');
register(moderationBody, 'ModerationAction', 'Optional body of approve, reject and spam.');
register(settingsPatch, 'SettingsPatch', 'Any subset of the settings; unknown keys and values out of range are field errors (422).');
register(articlePatch, 'ArticlePatch', "Any subset of an article's settings.");
register(erasureBody, 'ErasureRequest', 'The address whose data is erased.');
register(submitted, 'Submitted', 'The stored comment: pending (202) or published at once (201). Never the email.');
register(publicComment, 'PublicComment', 'A published comment as anyone may read it: no email, no moderation state.');
register(publishedPage, 'PublishedPage', 'Approved comments, oldest first.');
register(commentCounts, 'CommentCounts', 'Published comments per article.');
register(moderatorComment, 'ModeratorComment', 'A comment as moderators see it, with the email and why a rule put it where it is.');
register(moderationPage, 'ModerationPage', 'One page of a status list.');
register(historyEntry, 'HistoryEntry', 'One change of status.');
register(history, 'History', "A comment's changes, oldest first.");
register(settings, 'Settings', 'The site-wide moderation settings.');
register(article, 'Article', "An article's comment settings; null means the site setting applies.");
register(privacyExport, 'PrivacyExport', 'Everything stored about one email address.');
register(erasureReceipt, 'ErasureReceipt', 'How many comments the erasure changed.');
register(reportRequest, 'ReportRequest', "A reader's report: a reason and an optional note (JSON or form).");
register(reported, 'Reported', 'The report is received (also when this reader had reported the comment before).');
register(banBody, 'BanRequest', 'What to ban (the email, the address the comment came from, or both), for how many days, and why.');
register(banAnswer, 'BanCreated', 'The new ban.');
register(banList, 'BanList', 'The bans in force, newest first.');
register(
  triageSummarySchema,
  'TriageSummary',
  'The Triage page: what the gate decided, the audits and what the site taught, over the last 30 days.',
);
register(error, 'Error', 'Every error answer has this shape.');
register(validationError, 'ValidationError', 'Field errors (422).');

export type SchemaName =
  | 'Submission'
  | 'SubmissionForm'
  | 'ModerationAction'
  | 'SettingsPatch'
  | 'ArticlePatch'
  | 'ErasureRequest'
  | 'Submitted'
  | 'PublishedPage'
  | 'CommentCounts'
  | 'ModerationPage'
  | 'ModeratorComment'
  | 'History'
  | 'Settings'
  | 'Article'
  | 'PrivacyExport'
  | 'ErasureReceipt'
  | 'ReportRequest'
  | 'Reported'
  | 'BanRequest'
  | 'BanCreated'
  | 'BanList'
  | 'TriageSummary'
  | 'Error'
  | 'ValidationError';

/** The registered schemas as JSON Schema 2020-12 (OpenAPI 3.1's dialect), cross-references as $ref. */
export function componentSchemas(): Record<string, Record<string, unknown>> {
  const { schemas } = z.toJSONSchema(SCHEMAS, {
    uri: (id) => `#/components/schemas/${id}`,
    // Input: objects stay open, so a client tolerates fields added later; strict request schemas stay strict.
    io: 'input',
    unrepresentable: 'throw',
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, { description: DESCRIPTIONS[id], ...schema }]),
  );
}

// Compile-time: the documented answers are exactly the domain's views.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type AnswersMatchTheDomain = [
  Holds<Same<z.infer<typeof publicComment>, PublicComment>>,
  Holds<Same<z.infer<typeof commentCounts>, CommentCounts>>,
  Holds<Same<z.infer<typeof moderatorComment>, ModeratorComment>>,
  Holds<Same<z.infer<typeof historyEntry>, HistoryEntry>>,
  Holds<Same<z.infer<typeof settings>, SiteSettings>>,
  Holds<Same<z.infer<typeof article>, Omit<ArticleSettings, 'firstCommentAt'>>>,
  Holds<Same<z.infer<typeof privacyExport>, PrivacyExport>>,
  Holds<Same<z.infer<typeof erasureReceipt>, ErasureReceipt>>,
  Holds<Same<z.infer<typeof ban>, Ban>>,
  Holds<Same<z.infer<typeof moderatorComment>['reports'], ReportSummary>>,
  Holds<Same<z.infer<typeof error>['error'], Exclude<ErrorCode, 'MethodNotAllowed'> | 'InternalError'>>,
];
