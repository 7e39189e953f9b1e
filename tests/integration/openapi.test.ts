/**
 * The OpenAPI document against the running service: the local runtime
 * serves it at /api/openapi.json, and real answers of every route (successes
 * and the errors a client meets) have a status the document lists for that
 * route, a body matching its schema and the headers it promises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { openApiDocument } from '../../scripts/openapi/generate';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { SubscriptionTokens } from '../../lambda/domain/reply-notifications/tokens';
import { conformance, schemaValidator } from '../support/openapi';
import { api, MODERATOR_TOKEN, startFloodFreeRuntime, USER_TOKEN, validComment, type ApiResponse } from '../support/runtime';

let runtime: LocalRuntime;
let document: Record<string, any>;
let validator: ReturnType<typeof schemaValidator>;

beforeAll(async () => {
  runtime = await startFloodFreeRuntime({ userToken: USER_TOKEN });
  document = await openApiDocument({ localApiUrl: runtime.apiUrl });
  validator = schemaValidator(document);
});
afterAll(() => runtime?.stop());

const seen: Array<[string, number]> = [];
/** The answer, after checking it against the document; the status is the one the test expects. */
function conforms(operationId: string, answer: ApiResponse, status: number): ApiResponse {
  expect(answer.status, `${operationId}: ${answer.text}`).toBe(status);
  expect(conformance(document, validator, operationId, answer)).toEqual([]);
  seen.push([operationId, status]);
  return answer;
}

const mod = { token: MODERATOR_TOKEN };

describe('the OpenAPI document and the running service', () => {
  it('is served at /api/openapi.json with this runtime as its first server', async () => {
    const response = await fetch(`${runtime.apiUrl}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const served = await response.json();
    expect(served).toEqual(document);
    expect(served.servers[0].url).toBe(runtime.apiUrl);
  });

  it('describes what the public routes answer', async () => {
    const article = 'openapi-public';
    const first = validComment();
    const posted = conforms('SubmitComment', await api(runtime, 'POST', `/articles/${article}/comments`, { body: first }), 202);
    conforms('SubmitComment', await api(runtime, 'POST', `/articles/${article}/comments`, { body: first }), 409);
    conforms('SubmitComment', await api(runtime, 'POST', `/articles/${article}/comments`, { body: '{"comment":' }), 400);
    conforms(
      'SubmitComment',
      await api(runtime, 'POST', `/articles/${article}/comments`, { body: validComment({ comment: ' ', email: 'x' }) }),
      422,
    );
    conforms(
      'SubmitComment',
      await api(runtime, 'POST', `/articles/${article}/comments`, { body: 'hello', headers: { 'content-type': 'text/plain' } }),
      415,
    );
    conforms('SubmitComment', await api(runtime, 'POST', `/articles/${article}/comments`, { body: 'x'.repeat(80 * 1024) }), 413);
    const form = new URLSearchParams({ ...validComment(), redirect_to: `${runtime.url}/` }).toString();
    const redirected = conforms(
      'SubmitComment',
      await api(runtime, 'POST', `/articles/${article}/comments`, {
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      }),
      303,
    );
    expect(redirected.headers.get('location')).toContain('comment_status=pending');

    conforms('AdminApproveComment', await api(runtime, 'POST', `/admin/comments/${posted.body.id}/approve`, mod), 200);
    const list = conforms('ListComments', await api(runtime, 'GET', `/articles/${article}/comments?limit=1`), 200);
    expect(list.body.comments).toHaveLength(1);
    const etag = list.headers.get('etag')!;
    conforms(
      'ListComments',
      await api(runtime, 'GET', `/articles/${article}/comments?limit=1`, { headers: { 'if-none-match': etag } }),
      304,
    );
    const counts = conforms('CountComments', await api(runtime, 'GET', `/counts?articles=${article},unknown-article`), 200);
    expect(counts.body).toEqual({ counts: { [article]: 1, 'unknown-article': 0 } });
    conforms('CountComments', await api(runtime, 'GET', '/counts?articles='), 422);
    conforms(
      'CountComments',
      await api(runtime, 'GET', `/counts?articles=${article}`, {
        headers: { 'if-none-match': (await api(runtime, 'GET', `/counts?articles=${article}`)).headers.get('etag')! },
      }),
      304,
    );
    conforms('CountComments', await api(runtime, 'GET', `/counts?articles=a&articles=b`), 400);
    conforms('ListComments', await api(runtime, 'GET', `/articles/${article}/comments?limit=0`), 400);
    conforms('ListComments', await api(runtime, 'GET', '/articles/bad%20id/comments'), 400);

    conforms('AdminPutArticle', await api(runtime, 'PUT', `/admin/articles/${article}`, { ...mod, body: { commentsOpen: false } }), 200);
    conforms('SubmitComment', await api(runtime, 'POST', `/articles/${article}/comments`, { body: validComment() }), 403);
  });

  it('describes what the moderation routes answer', async () => {
    const article = 'openapi-moderation';
    const { body } = await api(runtime, 'POST', `/articles/${article}/comments`, { body: validComment() });
    const id: string = body.id;

    conforms('AdminListComments', await api(runtime, 'GET', '/admin/comments'), 401);
    conforms('AdminListComments', await api(runtime, 'GET', '/admin/comments', { token: USER_TOKEN }), 403);
    conforms('AdminListComments', await api(runtime, 'GET', `/admin/comments?articleId=${article}`, mod), 200);
    conforms('AdminListComments', await api(runtime, 'GET', '/admin/comments?status=nonsense', mod), 400);
    conforms('AdminListComments', await api(runtime, 'GET', '/admin/comments?email=reader%40example.com', mod), 200);
    conforms('AdminListComments', await api(runtime, 'GET', '/admin/comments?email=nonsense', mod), 422);
    conforms('AdminGetComment', await api(runtime, 'GET', `/admin/comments/${id}`, mod), 200);
    conforms('AdminGetComment', await api(runtime, 'GET', `/admin/comments/${'0'.repeat(20)}`, mod), 404);
    conforms(
      'AdminRejectComment',
      await api(runtime, 'POST', `/admin/comments/${id}/reject`, { ...mod, body: { expectedVersion: 1 } }),
      200,
    );
    conforms('AdminSpamComment', await api(runtime, 'POST', `/admin/comments/${id}/spam`, { ...mod, body: { expectedVersion: 1 } }), 409);
    conforms(
      'AdminSpamComment',
      await api(runtime, 'POST', `/admin/comments/${id}/spam`, { ...mod, body: { expectedVersion: 'one' } }),
      400,
    );
    conforms(
      'AdminApproveComment',
      await api(runtime, 'POST', `/admin/comments/${id}/approve`, { ...mod, body: 'x', headers: { 'content-type': 'text/plain' } }),
      415,
    );
    conforms('AdminCommentHistory', await api(runtime, 'GET', `/admin/comments/${id}/history`, mod), 200);
    conforms('AdminCommentHistory', await api(runtime, 'GET', `/admin/comments/${'1'.repeat(20)}/history`, mod), 404);

    conforms('AdminGetSettings', await api(runtime, 'GET', '/admin/settings', mod), 200);
    conforms('AdminTriage', await api(runtime, 'GET', '/admin/triage', mod), 200);
    conforms('AdminPutSettings', await api(runtime, 'PUT', '/admin/settings', { ...mod, body: { maxLinks: -1, surprise: 1 } }), 422);
    conforms('AdminPutSettings', await api(runtime, 'PUT', '/admin/settings', { ...mod, body: { version: 999_999 } }), 409);
    conforms('AdminPutSettings', await api(runtime, 'PUT', '/admin/settings', { ...mod, body: { maxLinks: 3 } }), 200);
    conforms('AdminGetArticle', await api(runtime, 'GET', `/admin/articles/${article}`, mod), 200);
    conforms('AdminGetArticle', await api(runtime, 'GET', '/admin/articles/bad%20id', mod), 400);
    conforms('AdminPutArticle', await api(runtime, 'PUT', `/admin/articles/${article}`, { ...mod, body: { commentsOpen: 'yes' } }), 422);

    const email = 'openapi.reader@example.com';
    await api(runtime, 'POST', `/articles/${article}/comments`, { body: validComment({ email }) });
    conforms('AdminPrivacyExport', await api(runtime, 'GET', `/admin/privacy/export?email=${encodeURIComponent(email)}`, mod), 200);
    conforms('AdminPrivacyExport', await api(runtime, 'GET', '/admin/privacy/export', mod), 422);
    conforms('AdminPrivacyErase', await api(runtime, 'POST', '/admin/privacy/erase', { ...mod, body: { email } }), 200);
    conforms('AdminPrivacyErase', await api(runtime, 'POST', '/admin/privacy/erase', { ...mod, body: '[1]' }), 400);

    conforms('AdminDeleteComment', await api(runtime, 'DELETE', `/admin/comments/${id}?expectedVersion=1`, mod), 409);
    conforms('AdminDeleteComment', await api(runtime, 'DELETE', `/admin/comments/${id}?expectedVersion=x`, mod), 400);
    conforms('AdminDeleteComment', await api(runtime, 'DELETE', `/admin/comments/${id}`, mod), 204);
  });

  it("describes what readers' reports and bans answer", async () => {
    const article = 'openapi-reports';
    const { body } = await api(runtime, 'POST', `/articles/${article}/comments`, { body: validComment() });
    const id: string = body.id;
    const reports = `/articles/${article}/comments/${id}/reports`;
    conforms('ReportComment', await api(runtime, 'POST', reports, { body: { reason: 'spam' } }), 404);
    await api(runtime, 'POST', `/admin/comments/${id}/approve`, mod);
    conforms('ReportComment', await api(runtime, 'POST', reports, { body: { reason: 'spam', note: 'An advert.' } }), 202);
    conforms('ReportComment', await api(runtime, 'POST', reports, { body: { reason: 'rude' } }), 422);
    conforms('ReportComment', await api(runtime, 'POST', reports, { body: '{"reason":' }), 400);
    await api(runtime, 'PUT', '/admin/settings', { ...mod, body: { reports: { threshold: null } } });
    conforms('ReportComment', await api(runtime, 'POST', reports, { body: { reason: 'spam' } }), 403);
    await api(runtime, 'PUT', '/admin/settings', { ...mod, body: { reports: { threshold: 3 } } });
    const listed = conforms('AdminListComments', await api(runtime, 'GET', '/admin/comments?status=reported', mod), 200);
    expect(listed.body.comments[0]).toMatchObject({ id, reports: { count: 1, reasons: { spam: 1 }, notes: ['An advert.'] } });

    const banned = conforms(
      'AdminBanComment',
      await api(runtime, 'POST', `/admin/comments/${id}/ban`, { ...mod, body: { scope: 'email', days: 7 } }),
      201,
    );
    conforms('AdminBanComment', await api(runtime, 'POST', `/admin/comments/${id}/ban`, { ...mod, body: { scope: 'all' } }), 422);
    conforms(
      'AdminBanComment',
      await api(runtime, 'POST', `/admin/comments/${'2'.repeat(20)}/ban`, { ...mod, body: { scope: 'email' } }),
      404,
    );
    conforms('AdminListBans', await api(runtime, 'GET', '/admin/bans', mod), 200);
    conforms('AdminLiftBan', await api(runtime, 'DELETE', `/admin/bans/${banned.body.ban.id}`, mod), 204);
    conforms('AdminLiftBan', await api(runtime, 'DELETE', `/admin/bans/${banned.body.ban.id}`, mod), 404);
    conforms('AdminTriage', await api(runtime, 'GET', '/admin/triage', mod), 200);
    conforms('AdminTriage', await api(runtime, 'GET', '/admin/triage'), 401);
  });

  it('describes the flood answer with its Retry-After', async () => {
    await api(runtime, 'PUT', '/admin/settings', { ...mod, body: { floodSeconds: 60 } });
    try {
      const article = 'openapi-flood';
      conforms('SubmitComment', await api(runtime, 'POST', `/articles/${article}/comments`, { body: validComment() }), 202);
      conforms('SubmitComment', await api(runtime, 'POST', `/articles/${article}/comments`, { body: validComment() }), 429);
    } finally {
      await api(runtime, 'PUT', '/admin/settings', { ...mod, body: { floodSeconds: 0 } });
    }
  });

  it('describes the pages behind the links in reply-notification mails', async () => {
    const tokens = new SubscriptionTokens(new KeyedHasher(process.env.HASH_KEY!));
    // Signed with the runtime's key for subscribers that do not exist; tests/integration/reply-mail.test.ts follows real ones.
    const nobody = tokens.sign('confirm', 'no-such-subscriber');
    conforms('ConfirmSubscription', await api(runtime, 'GET', `/subscriptions/confirm?token=${nobody}`), 404);
    conforms('ConfirmSubscription', await api(runtime, 'GET', '/subscriptions/confirm?token=v1.tampered.x'), 400);
    conforms('UnsubscribePage', await api(runtime, 'GET', `/subscriptions/unsubscribe?token=${tokens.sign('unsubscribe', 'nobody')}`), 404);
    conforms('UnsubscribePage', await api(runtime, 'GET', '/subscriptions/unsubscribe'), 400);
    conforms('Unsubscribe', await api(runtime, 'POST', `/subscriptions/unsubscribe?token=${tokens.sign('unsubscribe', 'nobody')}`), 404);
    conforms('Unsubscribe', await api(runtime, 'POST', `/subscriptions/unsubscribe?token=${nobody}`), 400);
  });

  it('was checked against an answer of every route', () => {
    const operations = new Set(seen.map(([operationId]) => operationId));
    expect([...operations].sort()).toEqual(
      Object.values(document.paths)
        .flatMap((p: any) => Object.values(p).map((o: any) => o.operationId))
        .sort(),
    );
  });
});
