/**
 * The one route table. The CDK stack creates one API Gateway method and one
 * Lambda function per entry; the local runtime serves the same entries by
 * importing the same handler modules. Add a route here and both follow.
 */

/** What a route's function may touch; the stack turns each into IAM statements. */
export type Access =
  | 'published:query' // Query the public index of approved comments
  | 'articles:read' // GetItem of the site settings and article items only (no comment, no index)
  | 'counts:read' // BatchGetItem of the per-article published counters (COUNT# keys only)
  | 'comments:read' // GetItem/Query/BatchGet on the comments table and its moderation indexes
  | 'comments:write' // Put/Update/Delete on the comments table
  | 'private:read' // GetItem/BatchGet/Query on the private (email) table
  | 'private:write' // Put/Update/Delete on the private table
  | 'secret:hashKey' // the key of email hashes and guards
  | 'secret:cursorKey' // the key that signs page cursors
  | 'queue:oldest' // Query on the byStatus index only (the oldest pending comment)
  | 'triage:read' // GetItem/Query of the site's model and the daily triage counters only (the TRIAGE partition)
  | 'triage:write' // Put/Update of those items only (the learner)
  | 'classifiers'; // calls the spam and toxicity providers the stack enabled (-c classifiers=...)

export interface Route {
  /** PascalCase; names the Lambda function and its log group. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway resource path (locally served under /api). */
  path: string;
  /** Handler module, relative to the project root; it exports `handler`. */
  entry: string;
  auth: 'public' | 'moderator';
  access: readonly Access[];
  /** The request body model (API Gateway validator) for routes that take JSON. */
  bodyModel?: 'submission';
  /** 'cached': a public read the edge caches (CloudFront; locally the edge stand-in), keyed on the path and `cacheKeyQuery`; other routes answer no-store. */
  edge?: 'cached';
  /** The query parameters that make a different answer (the rest of the query string is not forwarded). */
  cacheKeyQuery?: readonly string[];
  /** Environment beyond the tables and secrets: 'replyMail' says whether reply mail can be sent (set only with -c mailFrom). */
  needs?: readonly 'replyMail'[];
}

const moderatorRead = ['comments:read', 'private:read'] as const;
const moderatorWrite = ['comments:read', 'comments:write', 'private:read', 'private:write'] as const;
const subscriberAccess = ['private:read', 'private:write', 'secret:hashKey'] as const;

const TABLE = [
  {
    name: 'SubmitComment',
    method: 'POST',
    path: '/articles/{articleId}/comments',
    entry: 'lambda/handlers/submit-comment.ts',
    auth: 'public',
    access: ['comments:read', 'comments:write', 'private:read', 'private:write', 'secret:hashKey', 'classifiers'],
    bodyModel: 'submission',
  },
  {
    name: 'ListComments',
    method: 'GET',
    path: '/articles/{articleId}/comments',
    entry: 'lambda/handlers/list-comments.ts',
    auth: 'public',
    // The settings and the article say whether comments are still open (commentsOpen).
    access: ['published:query', 'articles:read', 'secret:cursorKey'],
    edge: 'cached',
    cacheKeyQuery: ['limit', 'cursor'],
    // The form offers "Notify me of follow-up comments by email" only where mail can be sent.
    needs: ['replyMail'],
  },
  {
    name: 'CountComments',
    method: 'GET',
    path: '/counts',
    entry: 'lambda/handlers/count-comments.ts',
    auth: 'public',
    access: ['counts:read'],
    edge: 'cached',
    cacheKeyQuery: ['articles'],
  },
  {
    name: 'ReportComment',
    method: 'POST',
    path: '/articles/{articleId}/comments/{id}/reports',
    entry: 'lambda/handlers/report-comment.ts',
    auth: 'public',
    // Reads the comment, counts the report on it (private: the reader's marker and flood lock); keys the reader's address.
    access: ['comments:read', 'comments:write', 'private:read', 'private:write', 'secret:hashKey'],
  },
  {
    name: 'AdminListComments',
    method: 'GET',
    path: '/admin/comments',
    entry: 'lambda/handlers/admin/list-comments.ts',
    auth: 'moderator',
    // The hash key finds an email's comments (?email=) through its keyed hash.
    access: [...moderatorRead, 'secret:cursorKey', 'secret:hashKey'],
  },
  {
    name: 'AdminGetComment',
    method: 'GET',
    path: '/admin/comments/{id}',
    entry: 'lambda/handlers/admin/get-comment.ts',
    auth: 'moderator',
    access: moderatorRead,
  },
  {
    name: 'AdminApproveComment',
    method: 'POST',
    path: '/admin/comments/{id}/approve',
    entry: 'lambda/handlers/admin/approve-comment.ts',
    auth: 'moderator',
    access: moderatorWrite,
  },
  {
    name: 'AdminRejectComment',
    method: 'POST',
    path: '/admin/comments/{id}/reject',
    entry: 'lambda/handlers/admin/reject-comment.ts',
    auth: 'moderator',
    access: moderatorWrite,
  },
  {
    name: 'AdminSpamComment',
    method: 'POST',
    path: '/admin/comments/{id}/spam',
    entry: 'lambda/handlers/admin/spam-comment.ts',
    auth: 'moderator',
    access: moderatorWrite,
  },
  {
    name: 'AdminDeleteComment',
    method: 'DELETE',
    path: '/admin/comments/{id}',
    entry: 'lambda/handlers/admin/delete-comment.ts',
    auth: 'moderator',
    access: moderatorWrite,
  },
  {
    name: 'AdminCommentHistory',
    method: 'GET',
    path: '/admin/comments/{id}/history',
    entry: 'lambda/handlers/admin/comment-history.ts',
    auth: 'moderator',
    access: ['comments:read'],
  },
  {
    name: 'AdminGetSettings',
    method: 'GET',
    path: '/admin/settings',
    entry: 'lambda/handlers/admin/get-settings.ts',
    auth: 'moderator',
    access: ['comments:read'],
  },
  {
    name: 'AdminPutSettings',
    method: 'PUT',
    path: '/admin/settings',
    entry: 'lambda/handlers/admin/put-settings.ts',
    auth: 'moderator',
    access: ['comments:read', 'comments:write'],
  },
  // The Triage page: 30 days of day counters and what the model was taught (the TRIAGE items only).
  {
    name: 'AdminTriage',
    method: 'GET',
    path: '/admin/triage',
    entry: 'lambda/handlers/admin/triage.ts',
    auth: 'moderator',
    access: ['triage:read'],
  },
  {
    name: 'AdminGetArticle',
    method: 'GET',
    path: '/admin/articles/{articleId}',
    entry: 'lambda/handlers/admin/get-article.ts',
    auth: 'moderator',
    access: ['comments:read'],
  },
  {
    name: 'AdminPutArticle',
    method: 'PUT',
    path: '/admin/articles/{articleId}',
    entry: 'lambda/handlers/admin/put-article.ts',
    auth: 'moderator',
    access: ['comments:read', 'comments:write'],
  },
  {
    name: 'AdminBanComment',
    method: 'POST',
    path: '/admin/comments/{id}/ban',
    entry: 'lambda/handlers/admin/ban-comment.ts',
    auth: 'moderator',
    access: ['comments:read', 'private:read', 'private:write'],
  },
  {
    name: 'AdminListBans',
    method: 'GET',
    path: '/admin/bans',
    entry: 'lambda/handlers/admin/list-bans.ts',
    auth: 'moderator',
    access: ['private:read'],
  },
  {
    name: 'AdminLiftBan',
    method: 'DELETE',
    path: '/admin/bans/{id}',
    entry: 'lambda/handlers/admin/lift-ban.ts',
    auth: 'moderator',
    access: ['private:read', 'private:write'],
  },
  // Privacy requests find an address through its keyed hash, so they need the hash key.
  {
    name: 'AdminPrivacyExport',
    method: 'GET',
    path: '/admin/privacy/export',
    entry: 'lambda/handlers/admin/privacy-export.ts',
    auth: 'moderator',
    access: [...moderatorRead, 'secret:hashKey'],
  },
  {
    name: 'AdminPrivacyErase',
    method: 'POST',
    path: '/admin/privacy/erase',
    entry: 'lambda/handlers/admin/privacy-erase.ts',
    auth: 'moderator',
    access: [...moderatorWrite, 'secret:hashKey'],
  },
  // Links in reply-notification mails: signed tokens (made with the hash key) name a subscriber by its email hash.
  {
    name: 'ConfirmSubscription',
    method: 'GET',
    path: '/subscriptions/confirm',
    entry: 'lambda/handlers/subscriptions/confirm.ts',
    auth: 'public',
    access: subscriberAccess,
  },
  {
    name: 'UnsubscribePage',
    method: 'GET',
    path: '/subscriptions/unsubscribe',
    entry: 'lambda/handlers/subscriptions/unsubscribe-page.ts',
    auth: 'public',
    access: ['private:read', 'secret:hashKey'],
  },
  {
    name: 'Unsubscribe',
    method: 'POST',
    path: '/subscriptions/unsubscribe',
    entry: 'lambda/handlers/subscriptions/unsubscribe.ts',
    auth: 'public',
    access: subscriberAccess,
  },
] as const satisfies readonly Route[];

export const ROUTES: readonly Route[] = TABLE;

/** The name of a route in the table; handlers name theirs and the wrapper reads the rest from the entry. */
export type RouteName = (typeof TABLE)[number]['name'];

export function routeNamed(name: RouteName): Route {
  const route = ROUTES.find((r) => r.name === name);
  if (!route) throw new Error(`no route named ${name}`);
  return route;
}
