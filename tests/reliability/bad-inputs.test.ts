/**
 * The bad-input corpus (tests/fixtures/bad-inputs/) through the local
 * runtime over raw HTTP: every case is a 4xx with the JSON error body, the
 * exact status the contract prescribes, never a 5xx, and not one item of
 * either table changes. Then the accepted side of every limit: stored once
 * and read back exactly as documented.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import {
  VALID_FIELDS,
  badInputs,
  bodyBytes,
  boundaryAccepted,
  resolveCase,
  type BadInput,
  type CorpusContext,
} from '../fixtures/bad-inputs/corpus';
import { MODERATOR_TOKEN, USER_TOKEN, api, startFloodFreeRuntime, type ApiResponse } from '../support/runtime';
import { publishFiguresIfAllPassed } from './area-figures';
import { jsonErrorProblem, send, table, tableState } from './support';

const ARTICLE = 'reliability-article';
const OTHER = 'reliability-other';
const CLOSED = 'reliability-closed';
const BOUNDARY = 'reliability-boundary';

let runtime: LocalRuntime;
let context: CorpusContext;

const post = (articleId: string, body: unknown) => api(runtime, 'POST', `/articles/${articleId}/comments`, { body });
const asModerator = (method: string, path: string, body?: unknown) => api(runtime, method, path, { token: MODERATOR_TOKEN, body });

let seq = 0;
const fresh = () => {
  seq += 1;
  return { comment: `Seed comment ${seq} for the corpus.`, author: `Seeder ${seq}`, email: `seeder.${seq}@example.com`, url: '' };
};

beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
  expect((await asModerator('PUT', `/admin/articles/${CLOSED}`, { commentsOpen: false })).status).toBe(200);

  const approved: string[] = [];
  for (let i = 0; i < 2; i++) {
    const posted = await post(ARTICLE, fresh());
    expect(posted.status).toBe(202);
    expect((await asModerator('POST', `/admin/comments/${posted.body.id}/approve`)).status).toBe(200);
    approved.push(posted.body.id);
  }
  const pending = [(await post(ARTICLE, fresh())).body.id as string, (await post(ARTICLE, fresh())).body.id as string];
  const other = await post(OTHER, fresh());
  expect((await asModerator('POST', `/admin/comments/${other.body.id}/approve`)).status).toBe(200);

  const publicPage = await api(runtime, 'GET', `/articles/${ARTICLE}/comments?limit=1`);
  const queuePage = await asModerator('GET', '/admin/comments?limit=1');
  expect(publicPage.body.nextCursor).toEqual(expect.any(String));
  expect(queuePage.body.nextCursor).toEqual(expect.any(String));
  context = {
    article: ARTICLE,
    otherArticle: OTHER,
    closedArticle: CLOSED,
    moderator: MODERATOR_TOKEN,
    user: USER_TOKEN,
    pendingId: pending[0]!,
    otherApprovedId: other.body.id,
    publicCursor: publicPage.body.nextCursor,
    adminCursor: queuePage.body.nextCursor,
  };
});
afterAll(() => runtime?.stop());

interface Outcome {
  c: BadInput;
  status: number | 'no answer';
  problems: string[];
}

describe('the bad-input corpus', () => {
  const corpus = badInputs();

  it('has at least 200 cases, each recording what is sent and a 4xx status', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    for (const c of corpus) {
      expect(c.status, c.id).toBeGreaterThanOrEqual(400);
      expect(c.status, c.id).toBeLessThan(500);
      expect(c.method, c.id).toMatch(/^[A-Z]+$/);
      expect(c.path, c.id).toMatch(/^\//);
    }
  });

  it('answers every case with its 4xx and a JSON { error, message }, and writes nothing to any table', { timeout: 120_000 }, async () => {
    const outcomes: Outcome[] = [];
    let baseline = await tableState(runtime);
    for (const raw of corpus) {
      const c = resolveCase(raw, context);
      const problems: string[] = [];
      let status: Outcome['status'] = 'no answer';
      try {
        const res = await send(runtime.url, { method: c.method, path: c.path, headers: c.headers, body: bodyBytes(c) });
        status = res.status;
        const problem = jsonErrorProblem(res);
        if (problem) problems.push(problem);
        else if (res.status !== c.status) problems.push(`status ${res.status}, expected ${c.status}: ${res.text.slice(0, 160)}`);
        if (res.status === 422 && !(res.json as { fields?: unknown }).fields) problems.push('422 without "fields"');
      } catch (error) {
        problems.push(`no answer: ${(error as Error).message}`);
      }
      const after = await tableState(runtime);
      if (after.digest !== baseline.digest) {
        problems.push(`wrote to a table: items ${JSON.stringify(baseline.counts)} -> ${JSON.stringify(after.counts)}`);
        baseline = after;
      }
      outcomes.push({ c: raw, status, problems });
    }

    const failures = outcomes.filter((o) => o.problems.length > 0);
    corpusOutcomes = outcomes;
    expect(failures.map((f) => `${f.c.id} (${f.c.description}): ${f.problems.join('; ')}`)).toEqual([]);
  });
});

describe('the accepted side of every limit', () => {
  it('stores each exactly as documented and reads it back unchanged once approved', { timeout: 60_000 }, async () => {
    const mismatches: string[] = [];
    for (const [i, b] of boundaryAccepted.entries()) {
      const base = {
        comment: `Boundary case ${b.id}.`,
        author: `Boundary ${i}`,
        email: `boundary.${i}@example.com`,
        url: VALID_FIELDS.url,
      };
      const sent = { ...base, ...b.fields };
      const expected = { comment: base.comment, author: base.author, email: base.email, url: base.url as string | null, ...b.stored };
      const posted = await post(BOUNDARY, sent);
      if (posted.status !== 202) {
        mismatches.push(`${b.id}: status ${posted.status} ${posted.text.slice(0, 200)}`);
        continue;
      }
      const id = posted.body.id as string;
      const approved = await asModerator('POST', `/admin/comments/${id}/approve`, { expectedVersion: 1 });
      expect(approved.status, b.id).toBe(200);
      const view = approved.body as Record<string, unknown>;
      for (const key of ['comment', 'author', 'email', 'url'] as const) {
        if (view[key] !== expected[key])
          mismatches.push(
            `${b.id}: moderator sees ${key} ${JSON.stringify(view[key])?.slice(0, 80)}, expected ${JSON.stringify(expected[key])?.slice(0, 80)}`,
          );
      }
    }
    // Read back through the public list, paging with the cursor.
    const shown = new Map<string, Record<string, unknown>>();
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await api(runtime, 'GET', `/articles/${BOUNDARY}/comments?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      for (const c of page.body.comments) shown.set(c.author as string, c);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(shown.size).toBe(boundaryAccepted.length - mismatches.filter((m) => m.includes('status')).length);
    for (const [i, b] of boundaryAccepted.entries()) {
      const author = b.stored.author ?? `Boundary ${i}`;
      const c = shown.get(author);
      if (!c) continue;
      const comment = b.stored.comment ?? `Boundary case ${b.id}.`;
      const url = 'url' in b.stored ? b.stored.url : VALID_FIELDS.url;
      if (c.comment !== comment || c.url !== url)
        mismatches.push(`${b.id}: public list shows ${JSON.stringify({ comment: String(c.comment).slice(0, 60), url: c.url })}`);
      expect(JSON.stringify(c)).not.toContain('@');
    }
    expect(mismatches).toEqual([]);
  });
});

let corpusOutcomes: Outcome[] = [];
publishFiguresIfAllPassed('corpus', () => report(corpusOutcomes));

function report(outcomes: Outcome[]): string {
  const byCategory = new Map<string, { cases: number; failed: number; statuses: Map<number, number> }>();
  for (const o of outcomes) {
    const row = byCategory.get(o.c.category) ?? { cases: 0, failed: 0, statuses: new Map() };
    row.cases += 1;
    if (o.problems.length) row.failed += 1;
    row.statuses.set(o.c.status, (row.statuses.get(o.c.status) ?? 0) + 1);
    byCategory.set(o.c.category, row);
  }
  const rows = [...byCategory].map(([category, r]) => [
    category,
    r.cases,
    [...r.statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' '),
    r.failed,
  ]);
  const failed = outcomes.filter((o) => o.problems.length);
  const fiveXX = outcomes.filter((o) => typeof o.status === 'number' && o.status >= 500).length;
  const wrote = outcomes.filter((o) => o.problems.some((p) => p.startsWith('wrote'))).length;
  return [
    '## Bad input',
    '',
    `The corpus in tests/fixtures/bad-inputs/ (hand-written.json and the generators in corpus.ts) holds ${outcomes.length} hostile or malformed requests, each recording what is sent and the status it must get; each is sent over raw HTTP to the local runtime. ` +
      `Each must be answered with the contract's 4xx and a JSON \`{ error, message }\`, and must leave both tables byte-for-byte unchanged (full Scan before and after). ` +
      `Plus ${boundaryAccepted.length} inputs exactly at a limit, which must be stored and read back unchanged.`,
    '',
    `**${outcomes.length} cases, ${failed.length} failures, ${fiveXX} answered 5xx, ${wrote} wrote to a table.**`,
    '',
    table(['category', 'cases', 'expected statuses', 'failures'], rows),
    ...(failed.length ? ['', 'Failures:', '', ...failed.map((f) => `- \`${f.c.id}\`: ${f.problems.join('; ')}`)] : []),
  ].join('\n');
}
