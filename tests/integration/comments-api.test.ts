/**
 * The comment path end to end through the local runtime (same handlers,
 * same route table) on DynamoDB Local: submit, moderate, read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, api, startFloodFreeRuntime, validComment } from '../support/runtime';
import { BUILTIN_SCORES } from '../support/triage';

const ARTICLE = 'putin-g20-negotiation-offer';
const comments = (articleId = ARTICLE) => `/articles/${articleId}/comments`;
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
});
afterAll(() => runtime?.stop());

const submit = (body: unknown, articleId = ARTICLE, headers?: Record<string, string>) =>
  api(runtime, 'POST', comments(articleId), { body, headers });
const moderate = (id: string, action: string, body?: unknown) =>
  api(runtime, 'POST', `/admin/comments/${id}/${action}`, { token: MODERATOR_TOKEN, body });
const published = async (articleId = ARTICLE, query = '') => (await api(runtime, 'GET', `${comments(articleId)}${query}`)).body;

describe('submit → pending → not public → approve → public', () => {
  it('holds a new comment for moderation and publishes it once approved', async () => {
    const input = validComment({ url: 'https://reader.example/' });
    const posted = await submit(input);
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ id: expect.any(String), articleId: ARTICLE, status: 'pending', createdAt: expect.any(String) });
    expect(posted.text).not.toContain(input.email);

    const before = await published();
    expect(before.comments.map((c: { id: string }) => c.id)).not.toContain(posted.body.id);

    const queue = await api(runtime, 'GET', '/admin/comments', { token: MODERATOR_TOKEN });
    const queued = queue.body.comments.find((c: { id: string }) => c.id === posted.body.id);
    expect(queued).toMatchObject({ status: 'pending', email: input.email, author: input.author, version: 1 });
    expect(queued.reasons).toEqual([{ rule: 'premoderation', message: expect.any(String) }, ...BUILTIN_SCORES]);

    const approved = await moderate(posted.body.id, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: posted.body.id, status: 'approved', version: 2, email: input.email });

    const after = await published();
    const shown = after.comments.find((c: { id: string }) => c.id === posted.body.id);
    expect(shown).toEqual({
      id: posted.body.id,
      parentId: null,
      author: input.author,
      url: 'https://reader.example/',
      comment: input.comment,
      createdAt: posted.body.createdAt,
    });
  });

  it('accepts a plain form post with WordPress field names', async () => {
    const form = new URLSearchParams({
      comment: 'Posted from a classic form',
      author: 'Form User',
      email: 'form.user@example.com',
      url: '',
      comment_parent: '0',
      comment_post_ID: '17',
      submit: 'Post Comment',
    });
    const posted = await submit(form.toString(), ARTICLE, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(posted.status).toBe(202);
    const stored = await api(runtime, 'GET', `/admin/comments/${posted.body.id}`, { token: MODERATOR_TOKEN });
    expect(stored.body).toMatchObject({
      comment: 'Posted from a classic form',
      author: 'Form User',
      email: 'form.user@example.com',
      url: null,
      parentId: null,
    });
  });

  it('redirects a browser form post back to the page (303) instead of answering JSON', async () => {
    const page = `${runtime.url}/?article=1`;
    const form = new URLSearchParams({ ...validComment(), redirect_to: page });
    const posted = await submit(form.toString(), ARTICLE, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
    expect(posted.status).toBe(303);
    const location = new URL(posted.headers.get('location')!);
    expect(location.origin).toBe(runtime.url);
    expect(location.searchParams.get('comment_status')).toBe('pending');

    const foreign = new URLSearchParams({ ...validComment(), redirect_to: 'https://evil.example/' });
    const refused = await submit(foreign.toString(), ARTICLE, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
    expect(refused.status).toBe(202);
  });
});

describe('replies', () => {
  it('allows replies only to published comments of the same article', async () => {
    const parent = await submit(validComment());
    const unpublished = await submit(validComment({ parentId: parent.body.id }));
    expect(unpublished.status).toBe(422);
    expect(unpublished.body.fields).toEqual({ parentId: expect.stringMatching(/published/) });

    await moderate(parent.body.id, 'approve');
    const reply = await submit(validComment({ comment_parent: parent.body.id }));
    expect(reply.status).toBe(202);
    await moderate(reply.body.id, 'approve');
    const list = await published();
    expect(list.comments.find((c: { id: string }) => c.id === reply.body.id).parentId).toBe(parent.body.id);

    const elsewhere = await submit(validComment({ parentId: parent.body.id }), 'another-article');
    expect(elsewhere.status).toBe(422);
    const unknown = await submit(validComment({ parentId: 'ffffffffffffffffffff' }));
    expect(unknown.status).toBe(422);
  });
});

describe('reading published comments', () => {
  it('pages oldest first with a tamper-checked cursor', async () => {
    const article = 'pagination-article';
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const posted = await submit(validComment({ comment: `Comment ${i}` }), article);
      ids.push(posted.body.id);
      await moderate(posted.body.id, 'approve');
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await published(article, `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.comments.length).toBeLessThanOrEqual(3);
      seen.push(...page.comments.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);

    const first = await published(article, '?limit=3');
    const tampered = first.nextCursor.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A'));
    const bad = await api(runtime, 'GET', `${comments(article)}?cursor=${encodeURIComponent(tampered)}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'BadRequest', message: expect.stringMatching(/cursor/) });
    const crossList = await api(runtime, 'GET', `${comments()}?cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(crossList.status).toBe(400);
  });

  it('checks limit and the article id', async () => {
    for (const limit of ['0', '101', 'ten', '1.5']) {
      const response = await api(runtime, 'GET', `${comments()}?limit=${limit}`);
      expect(response.status, limit).toBe(400);
      expect(response.body.error).toBe('BadRequest');
    }
    expect((await api(runtime, 'GET', `${comments()}?limit=100`)).status).toBe(200);
    expect((await api(runtime, 'GET', `/articles/${'a'.repeat(129)}/comments`)).status).toBe(400);
    expect((await api(runtime, 'GET', '/articles/bad%20id/comments')).status).toBe(400);
  });
});

describe('error statuses of the contract', () => {
  it('400 for a bad article id, before anything else', async () => {
    const response = await api(runtime, 'POST', '/articles/no%24such/comments', { body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(400);
  });

  it('415 for another content type, 413 for an oversized body, 400 for unparseable JSON', async () => {
    const wrongType = await submit(JSON.stringify(validComment()), ARTICLE, { 'content-type': 'text/plain' });
    expect(wrongType).toMatchObject({ status: 415, body: { error: 'UnsupportedMediaType' } });
    const huge = await submit(validComment({ comment: 'x'.repeat(71 * 1024) }));
    expect(huge).toMatchObject({ status: 413, body: { error: 'PayloadTooLarge' } });
    const broken = await submit('{"comment": "unterminated');
    expect(broken).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
    const array = await submit('[1,2]');
    expect(array).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
    const wrongField = await submit({ ...validComment(), comment: { text: 'hi' } });
    expect(wrongField).toMatchObject({ status: 400, body: { error: 'BadRequest', message: expect.stringMatching(/comment/) } });
  });

  it('422 with every failing field at once', async () => {
    const response = await submit({ comment: '   ', author: '', email: 'not-an-email', url: 'javascript:alert(1)' });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      error: 'ValidationError',
      message: expect.any(String),
      fields: { comment: expect.any(String), author: expect.any(String), email: expect.any(String), url: expect.any(String) },
    });
  });

  it('422 for a lone surrogate sent as \\uD800 in JSON', async () => {
    const body = JSON.stringify(validComment()).replace('A thoughtful', 'A \\uD800 thoughtful');
    const response = await submit(body);
    expect(response.status).toBe(422);
    expect(response.body.fields.comment).toMatch(/Unicode/);
  });

  it('409 for an exact duplicate, whoever approves what', async () => {
    const input = validComment();
    expect((await submit(input)).status).toBe(202);
    const again = await submit(input);
    expect(again).toMatchObject({ status: 409, body: { error: 'Duplicate' } });
    const sameAuthorOtherEmail = await submit({ ...input, email: 'other.address@example.com' });
    expect(sameAuthorOtherEmail.status).toBe(409);
  });

  it('403 when comments are closed on the article', async () => {
    await api(runtime, 'PUT', '/admin/articles/closed-article', { token: MODERATOR_TOKEN, body: { commentsOpen: false } });
    const response = await submit(validComment(), 'closed-article');
    expect(response).toMatchObject({ status: 403, body: { error: 'CommentsClosed' } });
  });

  it('404 JSON for an unknown route', async () => {
    const response = await api(runtime, 'GET', '/nothing-here');
    expect(response).toMatchObject({ status: 404, body: { error: 'NotFound' } });
  });
});

describe('privacy of the public API', () => {
  it('never returns an email address in any public response', async () => {
    const emails: string[] = [];
    for (let i = 0; i < 5; i++) {
      const input = validComment();
      emails.push(input.email);
      const posted = await submit(input);
      expect(posted.text).not.toContain('@');
      await moderate(posted.body.id, 'approve');
    }
    const list = await api(runtime, 'GET', `${comments()}?limit=100`);
    for (const email of emails) expect(list.text).not.toContain(email);
    expect(list.text).not.toMatch(/"email"/);
  });
});
