/**
 * Concurrency through the local runtime on DynamoDB Local:
 *  - 500 submissions at once: every 2xx is stored exactly once, nothing else is;
 *  - a retried submission with the same Idempotency-Key (one after another,
 *    and several at once) is stored once and answered with the same id;
 *  - two moderators acting on the same 200 comments at once, each with
 *    expectedVersion: every comment ends in exactly one state, its history
 *    records exactly that change, and the loser is told 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, api, startFloodFreeRuntime } from '../support/runtime';
import { publishFiguresIfAllPassed } from './area-figures';
import { scanAll, table } from './support';

let runtime: LocalRuntime;
const figures: Record<string, string | number> = {};

beforeAll(async () => {
  // Every post comes from 127.0.0.1: flood control would refuse all but one.
  runtime = await startFloodFreeRuntime();
});
afterAll(() => runtime?.stop());
publishFiguresIfAllPassed('concurrency', report);

const submission = (tag: string, i: number) => ({
  comment: `Concurrent comment ${i} of ${tag}.`,
  author: `Writer ${tag} ${i}`,
  email: `writer.${i}.${tag}@example.com`,
  url: '',
});

/** Items of the comments table that are comments (not history, settings or articles), by article. */
async function storedComments(articleId: string) {
  const items = await scanAll(runtime.dynamodb.endpoint, runtime.tables.Comments!);
  return items.filter((i) => i.SK?.S === 'C' && i.articleId?.S === articleId);
}
async function storedContacts() {
  const items = await scanAll(runtime.dynamodb.endpoint, runtime.tables.Private!);
  return items.filter((i) => i.SK?.S === 'CONTACT');
}

/** Every comment of one status list, through the moderators' API (paging with the cursor). */
async function moderatorList(status: string, articleId: string) {
  const all: Array<Record<string, any>> = [];
  let cursor: string | null = null;
  do {
    const page: { body: { comments: Array<Record<string, any>>; nextCursor: string | null } } = await api(
      runtime,
      'GET',
      `/admin/comments?status=${status}&articleId=${articleId}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      { token: MODERATOR_TOKEN },
    );
    all.push(...page.body.comments);
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}

describe('500 concurrent submissions', () => {
  it('stores every acknowledged submission exactly once, with its own email, and loses none once retried', {
    timeout: 90_000,
  }, async () => {
    const ARTICLE = 'concurrency-burst';
    const N = 500;
    figures.burstSubmissions = N;
    const inputs = Array.from({ length: N }, (_, i) => submission('burst', i));
    const send = (i: number) => api(runtime, 'POST', `/articles/${ARTICLE}/comments`, { body: inputs[i] });
    const responses = await Promise.all(inputs.map((_, i) => send(i)));

    const statuses = new Map<number, number>();
    for (const r of responses) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    figures.burstStatuses = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    // Accepted, or (only if DynamoDB Local could not keep up) 503 with Retry-After: never a 500, never a refusal.
    for (const r of responses) {
      expect([201, 202, 503], r.text).toContain(r.status);
      if (r.status === 503) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    const acked = new Map<number, string>();
    for (const [i, r] of responses.entries()) if (r.status < 300) acked.set(i, r.body.id as string);
    figures.burstAcked = acked.size;

    // Every acknowledged submission is stored, exactly once; nothing is stored twice.
    let stored = await storedComments(ARTICLE);
    const storedIds = stored.map((item) => item.id!.S!);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    for (const id of acked.values()) expect(storedIds).toContain(id);
    figures.burstStoredAtOnce = stored.length;

    // A client retries what was not acknowledged, as Retry-After says. A write that landed although
    // its answer was a 503 is then a 409 duplicate, never a second copy.
    let unanswered = [...inputs.keys()].filter((i) => !acked.has(i));
    let duplicatesOnRetry = 0;
    for (let round = 0; unanswered.length > 0 && round < 5; round++) {
      await new Promise((r) => setTimeout(r, 1000));
      const retried = await Promise.all(unanswered.map(async (i) => ({ i, r: await send(i) })));
      for (const { i, r } of retried) {
        if (r.status < 300) acked.set(i, r.body.id);
        if (r.status === 409) duplicatesOnRetry += 1;
      }
      unanswered = retried.filter(({ r }) => r.status === 503).map(({ i }) => i);
    }
    figures.burstRetried = N - (figures.burstAcked as number);
    figures.burstDuplicatesOnRetry = duplicatesOnRetry;
    expect(unanswered).toEqual([]);

    // In the end: each of the 500 is stored exactly once, with the text, name and email sent with it.
    stored = await storedComments(ARTICLE);
    expect(stored).toHaveLength(N);
    figures.burstStored = stored.length;
    figures.burstStoredOnce = new Set(stored.map((item) => item.id!.S!)).size;
    const queue = await moderatorList('pending', ARTICLE);
    expect(queue).toHaveLength(N);
    const byEmail = new Map(queue.map((c) => [c.email as string, c]));
    figures.burstLost = inputs.filter((input) => byEmail.get(input.email)?.comment !== input.comment).length;
    inputs.forEach((input, i) => {
      expect(byEmail.get(input.email), input.email).toMatchObject({ comment: input.comment, author: input.author });
      if (acked.has(i)) expect(byEmail.get(input.email)!.id).toBe(acked.get(i));
    });
    const contacts = (await storedContacts()).filter((c) => queue.some((q) => q.id === c.commentId?.S));
    expect(contacts).toHaveLength(N);
  });
});

describe('Idempotency-Key', () => {
  const ARTICLE = 'concurrency-idempotency';
  const post = (body: unknown, key: string, articleId = ARTICLE) =>
    api(runtime, 'POST', `/articles/${articleId}/comments`, { body, headers: { 'Idempotency-Key': key } });

  it('stores a retried submission once and answers it with the same id', async () => {
    const body = submission('retry', 1);
    const first = await post(body, 'retry-key-0000001');
    const retry = await post(body, 'retry-key-0000001');
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    expect((await storedComments(ARTICLE)).filter((i) => i.comment?.S === body.comment)).toHaveLength(1);
  });

  it('stores once when the retries arrive while the first is still being written', async () => {
    const body = submission('parallel-retry', 2);
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(body, 'parallel-key-000002')));
    figures.idempotentSent = answers.length;
    figures.idempotentStatuses = answers.map((a) => a.status).join(' ');
    for (const a of answers) expect(a.status, a.text).toBe(202);
    const ids = new Set(answers.map((a) => a.body.id));
    const copies = (await storedComments(ARTICLE)).filter((i) => i.comment?.S === body.comment).length;
    figures.idempotentIds = ids.size;
    figures.idempotentCopies = copies;
    expect(ids.size).toBe(1);
    expect(copies).toBe(1);
  });

  it('keeps keys apart per article: the same key on two articles is two comments', async () => {
    const a = await post(submission('per-article', 3), 'shared-key-0000003', `${ARTICLE}-a`);
    const b = await post(submission('per-article', 4), 'shared-key-0000003', `${ARTICLE}-b`);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.id).not.toBe(b.body.id);
  });
});

describe('two moderators on the same 200 comments at once', () => {
  it('ends each comment in exactly one state with a matching history, and tells the loser 409', { timeout: 90_000 }, async () => {
    const ARTICLE = 'concurrency-moderators';
    const N = 200;
    const ids: string[] = [];
    for (let batch = 0; batch < N; batch += 50) {
      const posted = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          api(runtime, 'POST', `/articles/${ARTICLE}/comments`, { body: submission('moderated', batch + i) }),
        ),
      );
      for (const p of posted) {
        expect(p.status).toBe(202);
        ids.push(p.body.id);
      }
    }

    // Moderator A approves everything, moderator B rejects everything, both having read version 1.
    const act = (id: string, action: 'approve' | 'reject') =>
      api(runtime, 'POST', `/admin/comments/${id}/${action}`, {
        token: MODERATOR_TOKEN,
        body: { expectedVersion: 1, reason: `moderator ${action}` },
      });
    // All 400 requests are in flight together; each leaves after a random 0-20 ms so that either side can win.
    const jitter = () => new Promise((r) => setTimeout(r, Math.random() * 20));
    const results = await Promise.all(
      ids.flatMap((id) => [jitter().then(() => act(id, 'approve')), jitter().then(() => act(id, 'reject'))]),
    );

    let approvedWins = 0;
    let rejectedWins = 0;
    let losersTold409 = 0;
    const problems: string[] = [];
    const histories = await Promise.all(ids.map((id) => api(runtime, 'GET', `/admin/comments/${id}/history`, { token: MODERATOR_TOKEN })));
    const finals = await Promise.all(ids.map((id) => api(runtime, 'GET', `/admin/comments/${id}`, { token: MODERATOR_TOKEN })));
    ids.forEach((id, i) => {
      const approve = results[2 * i]!;
      const reject = results[2 * i + 1]!;
      const pair = [approve.status, reject.status];
      if (pair.sort().join() !== '200,409') {
        problems.push(`${id}: approve ${approve.status}, reject ${reject.status}`);
        return;
      }
      const winner = approve.status === 200 ? 'approved' : 'rejected';
      const loser = approve.status === 200 ? reject : approve;
      if (loser.body?.error !== 'VersionConflict') problems.push(`${id}: the loser got ${loser.text}`);
      else losersTold409 += 1;
      if (winner === 'approved') approvedWins += 1;
      else rejectedWins += 1;
      const final = finals[i]!.body;
      if (final.status !== winner || final.version !== 2)
        problems.push(`${id}: ends ${final.status} v${final.version}, the winner set ${winner}`);
      const history = histories[i]!.body.history as Array<{ from: string | null; to: string; actor: string; reason: string | null }>;
      const shape = history.map((h) => `${h.from}->${h.to}`).join(' ');
      if (shape !== `null->pending pending->${winner}`) problems.push(`${id}: history ${shape}`);
      else if (history[1]!.reason !== `moderator ${winner === 'approved' ? 'approve' : 'reject'}`)
        problems.push(`${id}: history reason ${history[1]!.reason}`);
    });
    figures.moderatorPairs = N;
    figures.approvedWins = approvedWins;
    figures.rejectedWins = rejectedWins;
    figures.moderatorProblems = problems.length;
    figures.losersTold409 = losersTold409;
    expect(problems).toEqual([]);

    // The public list shows exactly the comments whose approval won.
    const shown: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { comments: Array<{ id: string }>; nextCursor: string | null } } = await api(
        runtime,
        'GET',
        `/articles/${ARTICLE}/comments?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      shown.push(...page.body.comments.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(shown.sort()).toEqual(ids.filter((_, i) => results[2 * i]!.status === 200).sort());
  });
});

/** A figure this run measured; a missing one fails the report instead of printing a placeholder. */
function figure(name: string): string | number {
  const value = figures[name];
  if (value === undefined) throw new Error(`the concurrency run measured no ${name}`);
  return value;
}

function report(): string {
  return [
    '## Concurrency',
    '',
    `**${figure('burstStoredOnce')} of ${figure('burstSubmissions')} simultaneous submissions stored exactly once (${figure('burstLost')} lost); ${figure('moderatorPairs')} comments moderated twice at once, ${figure('moderatorProblems')} with a wrong state or history.**`,
    '',
    table(
      ['run', 'result'],
      [
        [
          `${figure('burstSubmissions')} submissions at once (distinct emails, flood control off)`,
          `answers ${figure('burstStatuses')}; ${figure('burstAcked')} acknowledged and stored at once; ${figure('burstRetried')} retried after Retry-After ` +
            `(${figure('burstDuplicatesOnRetry')} of them had landed and were answered 409 duplicate); in the end ${figure('burstStored')} of ${figure('burstSubmissions')} stored, ${figure('burstStoredOnce')} distinct, each with its own email; ${figure('burstLost')} lost`,
        ],
        [
          `${figure('idempotentSent')} copies of one submission at once, same Idempotency-Key`,
          `answers ${figure('idempotentStatuses')}; ${figure('idempotentCopies')} comment stored, ${figure('idempotentIds')} id`,
        ],
        [
          `two moderators on the same ${figure('moderatorPairs')} comments at once (approve vs reject, both with expectedVersion 1)`,
          `${figure('approvedWins')} approvals and ${figure('rejectedWins')} rejections won; ${figure('losersTold409')} of ${figure('moderatorPairs')} losers got 409 VersionConflict; ${figure('moderatorProblems')} comments with a wrong state or history`,
        ],
      ],
    ),
  ].join('\n');
}
