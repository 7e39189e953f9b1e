/**
 * What the route table does not say about each route: a summary, its
 * parameters and every answer it can give. Keyed by route name; the
 * generator refuses a route without an entry here (and an entry without a
 * route). Answers every route shares (500, 503; 401 and 403 on moderator
 * routes; 413 and 415 on routes with a body) are added by the generator.
 */
import { LIST_STATUSES, MAX_PAGE_SIZE } from '../../lambda/http/list-query';
import { LIMITS } from '../../lambda/domain/validation';
import { MAX_COUNTED_ARTICLES } from '../../lambda/domain/use-cases/count-comments';
import type { SchemaName } from './schemas';

export type ResponseHeader = 'Retry-After' | 'Location' | 'ETag' | 'Cache-Control';

export interface AnswerDoc {
  description: string;
  body?: SchemaName;
  /** A small HTML page instead of JSON (the links in mails). */
  html?: true;
  headers?: ResponseHeader[];
}

export interface QueryDoc {
  name: string;
  description: string;
  schema: Record<string, unknown>;
  required?: boolean;
}

export interface RouteDoc {
  summary: string;
  description: string;
  query?: QueryDoc[];
  /** Takes the Idempotency-Key request header. */
  idempotencyKey?: boolean;
  /** Cacheable at the edge: answers carry an ETag and take If-None-Match (304). */
  conditional?: boolean;
  body?: { required: boolean; json: SchemaName; form?: SchemaName; maxBytes: number; description: string };
  answers: Record<number, AnswerDoc>;
}

const limit: QueryDoc = {
  name: 'limit',
  description: `Page size, 1 to ${MAX_PAGE_SIZE} (default 50).`,
  schema: { type: 'string', pattern: '^[0-9]+$' },
};
const cursor: QueryDoc = {
  name: 'cursor',
  description: "The previous page's nextCursor: opaque and bound to this list; an edited or foreign cursor is 400.",
  schema: { type: 'string' },
};
const MODERATION_BODY_BYTES = 16 * 1024;
const subscriptionToken: QueryDoc = {
  name: 'token',
  description: 'The signed token from the mail: opaque, no email in it.',
  schema: { type: 'string' },
  required: true,
};

const EDGE_CACHED =
  ' Cacheable by shared caches: Cache-Control: public, max-age=0, s-maxage=S, stale-while-revalidate=W, stale-if-error=86400 (S and W are deploy-time settings, 10 and 20 by default) and an ETag; deployed, CloudFront serves it, so a newly approved comment shows within S + W seconds and a comment that stops being public is purged within a minute.';
const notModified: AnswerDoc = {
  description: 'Not modified: If-None-Match named the current ETag; no body.',
  headers: ['ETag', 'Cache-Control'],
};

const moderationAction = (does: string, status: string): RouteDoc => ({
  summary: does,
  description: `Sets the comment's status to ${status}, with a history entry by the moderator. Repeating the status it already has changes nothing (200). With expectedVersion, a comment changed since is 409 and nothing changes; that check comes first.`,
  body: {
    required: false,
    json: 'ModerationAction',
    maxBytes: MODERATION_BODY_BYTES,
    description: 'Optional: the version the moderator saw and a reason.',
  },
  answers: {
    200: { description: 'The updated comment.', body: 'ModeratorComment' },
    400: { description: 'BadRequest: expectedVersion or reason malformed, or a body that is not a JSON object.', body: 'Error' },
    404: { description: 'NotFound: no such comment (also for an id that cannot exist).', body: 'Error' },
    409: { description: 'VersionConflict: the comment changed since expectedVersion; nothing was changed.', body: 'Error' },
  },
});

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  SubmitComment: {
    summary: 'Post a comment',
    description:
      'A reader posts a comment with the WordPress field names, as JSON or as a plain HTML form post. Checks run in this order, and the first that fails answers: article id (400), content type (415), size (413), parseable body and field types (400), comments closed (403), field rules (422, every failing field at once), duplicate (409), flood (429). A comment passing them all is stored, pending unless a rule publishes it. A form post that accepts text/html is answered 303 back to the page instead.',
    idempotencyKey: true,
    body: {
      required: true,
      json: 'Submission',
      form: 'SubmissionForm',
      maxBytes: LIMITS.body,
      description: 'The comment. Unknown fields are ignored.',
    },
    answers: {
      201: { description: 'Published at once (a rule such as auto-approve allowed it).', body: 'Submitted' },
      202: { description: 'Stored and held for moderation (the default).', body: 'Submitted' },
      303: {
        description:
          'A plain form post (Accept: text/html, form-encoded) goes back to redirect_to or the Referer, when its origin is allowed, with comment_status and comment_id, or comment_error, in the query string.',
        headers: ['Location'],
      },
      400: {
        description:
          'BadRequest: malformed article id, unparseable body, a field of the wrong JSON type, or a malformed or doubled Idempotency-Key.',
        body: 'Error',
      },
      403: {
        description: 'CommentsClosed: comments are closed on this article. Deployed, also Forbidden when the firewall refuses the request.',
        body: 'Error',
      },
      409: { description: 'Duplicate: the same text by the same person on the same article and parent.', body: 'Error' },
      422: { description: 'ValidationError: every failing field, each with a message.', body: 'ValidationError' },
      429: {
        description: 'TooManyRequests: posting too fast (same address or email within floodSeconds); Retry-After says when to try again.',
        body: 'Error',
        headers: ['Retry-After'],
      },
    },
  },
  ReportComment: {
    summary: 'Report a published comment',
    description:
      "A reader reports a comment for a reason (spam, abuse, off-topic, other) with an optional note. One report counts per reader address (kept only as a keyed hash) per comment; a repeat is answered the same and counts nothing. When reports.threshold distinct readers have reported it, the comment goes back to pending at once, with the reason 'reports' and a history entry by system.",
    body: {
      required: true,
      json: 'ReportRequest',
      form: 'ReportRequest',
      maxBytes: 8 * 1024,
      description: 'The reason and an optional note.',
    },
    answers: {
      202: { description: 'Received.', body: 'Reported' },
      400: { description: 'BadRequest: malformed article id or an unparseable body.', body: 'Error' },
      403: { description: 'ReportsOff: the site has turned reports off (reports.threshold is null).', body: 'Error' },
      404: { description: 'NotFound: no such comment published on this article.', body: 'Error' },
      422: { description: 'ValidationError: an unknown reason or a note over 500 bytes.', body: 'ValidationError' },
      429: { description: 'TooManyRequests: reporting too fast from one address (floodSeconds).', body: 'Error', headers: ['Retry-After'] },
    },
  },
  ListComments: {
    summary: "An article's published comments",
    description: `Approved comments only, oldest first, one page at a time, and whether the article still takes comments. No email ever appears.${EDGE_CACHED}`,
    query: [limit, cursor],
    conditional: true,
    answers: {
      200: { description: 'One page; nextCursor is null on the last.', body: 'PublishedPage', headers: ['ETag', 'Cache-Control'] },
      304: notModified,
      400: { description: 'BadRequest: malformed article id, limit out of range, a bad cursor or a parameter given twice.', body: 'Error' },
    },
  },
  CountComments: {
    summary: 'Published comments per article',
    description: `For article lists: the number of published comments of each of 1 to ${MAX_COUNTED_ARTICLES} articles in one request, read from one counter per article that every status change keeps in the same transaction. An unknown article counts 0.${EDGE_CACHED}`,
    query: [
      {
        name: 'articles',
        description: `1 to ${MAX_COUNTED_ARTICLES} article ids, separated by commas.`,
        schema: { type: 'string' },
        required: true,
      },
    ],
    conditional: true,
    answers: {
      200: { description: 'The counts, keyed by article id.', body: 'CommentCounts', headers: ['ETag', 'Cache-Control'] },
      304: notModified,
      400: { description: 'BadRequest: the parameter given twice.', body: 'Error' },
      422: { description: 'ValidationError on articles: none, more than 50, or one that is not an article id.', body: 'ValidationError' },
    },
  },
  AdminListComments: {
    summary: "The moderation queue, another status list, or one email's comments",
    description:
      "Pending comments oldest first (the queue); the other statuses newest first. Optionally one article only. With sort=risk, the highest classifier score first (ties newest first; comments no classifier scored last). With email: every stored comment of that address in any status, newest first, found through the private table's email index by the address's keyed hash. Each comment carries its author's record (approved, rejected and spam counts for its email).",
    query: [
      {
        name: 'status',
        description:
          "Which list (default pending); reported: comments with readers' reports since their last approval, most recently reported first, across articles.",
        schema: { type: 'string', enum: [...LIST_STATUSES] },
      },
      limit,
      cursor,
      { name: 'articleId', description: 'Only comments on this article.', schema: { type: 'string' } },
      {
        name: 'sort',
        description: 'risk: highest spam or toxicity score first (not with articleId); time (the default): by when posted.',
        schema: { type: 'string', enum: ['time', 'risk'] },
      },
      {
        name: 'email',
        description: 'Every comment of this address, newest first (not with status, articleId or sort).',
        schema: { type: 'string' },
      },
    ],
    answers: {
      200: { description: "One page, with emails and authors' records.", body: 'ModerationPage' },
      400: {
        description:
          'BadRequest: unknown status or sort, sort=risk with articleId, limit out of range, a bad cursor, a parameter given twice, or email with status, articleId or sort.',
        body: 'Error',
      },
      422: { description: 'ValidationError: email is not an address.', body: 'ValidationError' },
    },
  },
  AdminGetComment: {
    summary: 'One comment',
    description: 'The comment as moderators see it, with its email and reasons.',
    answers: {
      200: { description: 'The comment.', body: 'ModeratorComment' },
      404: { description: 'NotFound: no such comment.', body: 'Error' },
    },
  },
  AdminApproveComment: moderationAction('Approve (publish) a comment', 'approved'),
  AdminRejectComment: moderationAction('Reject a comment', 'rejected'),
  AdminSpamComment: moderationAction('Mark a comment as spam', 'spam'),
  AdminDeleteComment: {
    summary: 'Erase a comment for good',
    description:
      'Removes the comment and its private data; its history stays, with a "deleted" entry. expectedVersion works as on the actions, as a query parameter.',
    query: [
      { name: 'expectedVersion', description: 'The version the moderator saw (a whole number, at least 1).', schema: { type: 'string' } },
    ],
    answers: {
      204: { description: 'Deleted.' },
      400: { description: 'BadRequest: expectedVersion malformed.', body: 'Error' },
      404: { description: 'NotFound: no such comment.', body: 'Error' },
      409: { description: 'VersionConflict: the comment changed since expectedVersion; nothing was deleted.', body: 'Error' },
    },
  },
  AdminCommentHistory: {
    summary: "A comment's history",
    description: 'Every change of status, oldest first; kept after the comment is deleted.',
    answers: {
      200: { description: 'The history.', body: 'History' },
      404: { description: 'NotFound: no comment with that id ever existed.', body: 'Error' },
    },
  },
  AdminBanComment: {
    summary: "Ban a comment's author",
    description:
      "Bans the comment's email (through its keyed hash), the address it was posted from (a keyed hash kept with the comment's private data), or both, for days days or for good. A later comment from a banned email or address is answered like any held comment and stored as spam with the reason 'ban'.",
    body: { required: true, json: 'BanRequest', maxBytes: MODERATION_BODY_BYTES, description: 'Scope, days and reason.' },
    answers: {
      201: { description: 'The ban.', body: 'BanCreated' },
      400: { description: 'BadRequest: a body that is not a JSON object.', body: 'Error' },
      404: { description: 'NotFound: no such comment.', body: 'Error' },
      422: {
        description: "ValidationError: bad scope, days or reason, or the comment's address (or private data) is not known.",
        body: 'ValidationError',
      },
    },
  },
  AdminListBans: {
    summary: 'The bans in force',
    description: 'Every ban that has not ended, newest first.',
    answers: { 200: { description: 'The bans.', body: 'BanList' } },
  },
  AdminLiftBan: {
    summary: 'Lift a ban',
    description: 'Removes the ban; the email or address may comment again at once.',
    answers: {
      204: { description: 'Lifted.' },
      404: { description: 'NotFound: no such ban.', body: 'Error' },
    },
  },
  AdminTriage: {
    summary: 'How triage did over the last 30 days',
    description:
      'The share of comments decided without a person, the error the audits found with its bound, what people taught the model, and automation by day. Counts only: no comment text, name or address.',
    answers: { 200: { description: 'The figures.', body: 'TriageSummary' } },
  },
  AdminGetSettings: {
    summary: 'The moderation settings',
    description: 'The site-wide settings, with defaults for any never set.',
    answers: { 200: { description: 'The settings.', body: 'Settings' } },
  },
  AdminPutSettings: {
    summary: 'Change the moderation settings',
    description:
      'A partial update. With version, a change made since is 409 and nothing changes. Locally the change applies to the next request; deployed within SETTINGS_CACHE_SECONDS.',
    body: { required: false, json: 'SettingsPatch', maxBytes: MODERATION_BODY_BYTES, description: 'The settings to change.' },
    answers: {
      200: { description: 'The new settings.', body: 'Settings' },
      400: { description: 'BadRequest: a body that is not a JSON object.', body: 'Error' },
      409: { description: 'VersionConflict: the settings changed since version.', body: 'Error' },
      422: { description: 'ValidationError: unknown keys and values out of range, each named.', body: 'ValidationError' },
    },
  },
  AdminGetArticle: {
    summary: "An article's comment settings",
    description: 'The defaults for an article never set (comments open, site premoderation).',
    answers: {
      200: { description: "The article's settings.", body: 'Article' },
      400: { description: 'BadRequest: malformed article id.', body: 'Error' },
    },
  },
  AdminPutArticle: {
    summary: "Change an article's comment settings",
    description: 'Open or close comments, set the publish date (closeAfterDays counts from it) or the premoderation. Creates the article.',
    body: { required: false, json: 'ArticlePatch', maxBytes: MODERATION_BODY_BYTES, description: 'The settings to change.' },
    answers: {
      200: { description: "The article's new settings.", body: 'Article' },
      400: { description: 'BadRequest: malformed article id or a body that is not a JSON object.', body: 'Error' },
      422: { description: 'ValidationError: unknown keys or bad values, each named.', body: 'ValidationError' },
    },
  },
  AdminPrivacyExport: {
    summary: 'Export everything stored about an email address',
    description: 'Every comment of the address with its history, private data without a comment, and the counts auto-approve keeps.',
    query: [{ name: 'email', description: 'The address the request is about.', schema: { type: 'string' }, required: true }],
    answers: {
      200: { description: 'The export.', body: 'PrivacyExport' },
      400: { description: 'BadRequest: the parameter given twice.', body: 'Error' },
      422: { description: 'ValidationError: email missing or not an address.', body: 'ValidationError' },
    },
  },
  AdminPrivacyErase: {
    summary: 'Erase everything stored about an email address',
    description:
      'Applies the eraseMode setting to every comment of the address (anonymise: name "Anonymous", website and email removed, text kept; delete: removed), with a history entry each, then removes its private data. Repeating it is harmless.',
    body: { required: true, json: 'ErasureRequest', maxBytes: MODERATION_BODY_BYTES, description: 'The address.' },
    answers: {
      200: { description: 'How many comments were changed.', body: 'ErasureReceipt' },
      400: { description: 'BadRequest: a body that is not a JSON object.', body: 'Error' },
      422: { description: 'ValidationError: email missing or not an address.', body: 'ValidationError' },
    },
  },
  ConfirmSubscription: {
    summary: 'Confirm an address for reply notifications',
    description:
      'The link in the one confirmation mail an address gets when a comment asks for replies (notify_replies=yes). The token is signed and carries no email. Answers a small HTML page.',
    query: [subscriptionToken],
    answers: {
      200: { description: 'Confirmed (or confirmed before).', html: true },
      400: { description: 'The token was changed, cut short or has expired (a page saying so).', html: true },
      404: { description: 'No request is held for this address (erased meanwhile).', html: true },
    },
  },
  UnsubscribePage: {
    summary: 'The unsubscribe page',
    description:
      'The unsubscribe link of a reply mail: a page with one button that POSTs to the same URL. Changes nothing by itself, so link scanners cannot unsubscribe anyone.',
    query: [subscriptionToken],
    answers: {
      200: { description: 'The page with the button (or a note that the address is not subscribed).', html: true },
      400: { description: 'The token was changed, cut short or has expired.', html: true },
      404: { description: 'No request is held for this address.', html: true },
    },
  },
  Unsubscribe: {
    summary: 'Unsubscribe (one-click, RFC 8058)',
    description:
      "The page's button, and the one-click POST mail clients send from the List-Unsubscribe and List-Unsubscribe-Post headers (body List-Unsubscribe=One-Click; the body is not needed). No more reply mails go to the address.",
    query: [subscriptionToken],
    answers: {
      200: { description: 'Unsubscribed (or not subscribed).', html: true },
      400: { description: 'The token was changed, cut short or has expired.', html: true },
      404: { description: 'No request is held for this address.', html: true },
    },
  },
};
