/**
 * Privacy sweep: run the service as `npm start` runs it (its own process,
 * logging at DEBUG, moderator notifications on), make a few hundred
 * submissions with distinct email addresses (JSON, form posts, no-script
 * form posts with their redirect, retries, duplicates, invalid ones,
 * replies), moderate them (approve, reject, spam, delete, privacy export and
 * erasure), then crawl every public route and page and read every line the
 * process wrote and every notification it sent: not one email address.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROUTES } from '../../lambda/routes';
import { freePort } from '../../scripts/local/dynamodb-local';
import { publishFiguresIfAllPassed } from './area-figures';
import { table } from './support';

const TOKEN = `sweep-moderator-${randomBytes(8).toString('hex')}`;
const ARTICLES = ['sweep-one', 'sweep-two', 'sweep-three'];
const EMAIL_SHAPED = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

let child: ChildProcess;
let base: string;
let dataDir: string;
let output = '';
const run = randomBytes(3).toString('hex');
/** Written by the test; published only if it passed. */
let figures = '';
publishFiguresIfAllPassed('privacy', () => figures);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'comments-sweep-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, PORT: String(port), IN_MEMORY: '1', DATA_DIR: dataDir, MODERATOR_TOKEN: TOKEN, POWERTOOLS_LOG_LEVEL: 'DEBUG' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  await new Promise<void>((ok, fail) => {
    const check = () => output.includes('Moderator token') && ok();
    child.stdout!.on('data', check);
    child.once('exit', (code) => fail(new Error(`npm start exited ${code}: ${output}`)));
  });
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Seen {
  where: string;
  text: string;
}
const publicAnswers: Seen[] = [];

async function call(method: string, path: string, options: { body?: string; headers?: Record<string, string>; moderator?: boolean } = {}) {
  const headers = { ...options.headers, ...(options.moderator ? { authorization: `Bearer ${TOKEN}` } : {}) };
  const res = await fetch(`${base}${path}`, { method, headers, body: options.body, redirect: 'manual' });
  const text = await res.text();
  if (!options.moderator) {
    const head = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
    publicAnswers.push({ where: `${method} ${path.slice(0, 80)} -> ${res.status}`, text: `${head}\n\n${text}` });
  }
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
const postJson = (articleId: string, body: unknown, headers: Record<string, string> = {}) =>
  call('POST', `/api/articles/${articleId}/comments`, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
const postForm = (articleId: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  call('POST', `/api/articles/${articleId}/comments`, {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

const readOutbox = () => {
  const dir = join(dataDir, 'outbox');
  // Moderator notifications are the .json files; reply mails (outbox/mail/) are not part of this sweep.
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => readFileSync(join(dir, f), 'utf8'))
    : [];
};

/** Waits until a notification in the local outbox mentions `text`; fails after `timeoutMs`. */
async function waitForOutbox(text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!readOutbox().some((m) => m.includes(text))) {
    if (Date.now() > deadline) throw new Error(`no notification mentioning ${text} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

it('puts no email address in any public answer, page, log line or notification', { timeout: 180_000 }, async () => {
  expect(
    (
      await call('PUT', '/api/admin/settings', {
        body: JSON.stringify({ floodSeconds: 0 }),
        headers: { 'content-type': 'application/json' },
        moderator: true,
      })
    ).status,
  ).toBe(200);

  const emails: string[] = [];
  const email = (i: number) => {
    // Mixed case in some, as people type them; matched case-insensitively below.
    const address = i % 7 === 0 ? `Sweep.Reader${i}.${run}@Example.ORG` : `sweep.reader${i}.${run}@example.org`;
    emails.push(address);
    return address;
  };
  const fields = (i: number) => ({
    comment: `Sweep comment number ${i} about the article.`,
    author: `Sweep Reader ${i}`,
    email: email(i),
    url: i % 3 === 0 ? `https://reader${i}.example/` : '',
  });
  const accepted: Array<{ id: string; articleId: string }> = [];
  const counts = { json: 0, form: 0, noScript: 0, retries: 0, duplicates: 0, invalid: 0, replies: 0 };

  // JSON posts, in parallel batches.
  for (let batch = 0; batch < 240; batch += 40) {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, k) => {
        const i = batch + k;
        const articleId = ARTICLES[i % ARTICLES.length]!;
        return postJson(articleId, fields(i)).then((r) => ({ r, articleId }));
      }),
    );
    for (const { r, articleId } of answers) {
      expect(r.status, r.text).toBe(202);
      accepted.push({ id: r.json.id, articleId });
      counts.json += 1;
    }
  }
  // Plain form posts, and no-script form posts answered with a redirect to the page (followed below).
  const redirects: string[] = [];
  for (let i = 240; i < 280; i++) {
    const articleId = ARTICLES[i % ARTICLES.length]!;
    if (i % 2 === 0) {
      const r = await postForm(articleId, { ...fields(i), comment_parent: '0' });
      expect(r.status, r.text).toBe(202);
      accepted.push({ id: r.json.id, articleId });
      counts.form += 1;
    } else {
      const r = await postForm(articleId, { ...fields(i), redirect_to: `${base}/?p=${i}` }, { accept: 'text/html' });
      expect(r.status).toBe(303);
      redirects.push(r.headers.get('location')!);
      counts.noScript += 1;
    }
  }
  // Retries with an Idempotency-Key, duplicates, and refused posts that still carry an address.
  for (let i = 280; i < 290; i++) {
    const body = fields(i);
    const first = await postJson(ARTICLES[0]!, body, { 'idempotency-key': `sweep-key-${run}-${i}` });
    const again = await postJson(ARTICLES[0]!, body, { 'idempotency-key': `sweep-key-${run}-${i}` });
    expect(again.json).toEqual(first.json);
    accepted.push({ id: first.json.id, articleId: ARTICLES[0]! });
    counts.retries += 1;
    const duplicate = await postJson(ARTICLES[0]!, body);
    expect(duplicate.status).toBe(409);
    counts.duplicates += 1;
  }
  for (let i = 290; i < 300; i++) {
    const bad = i % 2 === 0 ? { ...fields(i), comment: '' } : { ...fields(i), email: `sweep.invalid${i}.${run}@localhost` };
    if (i % 2 !== 0) emails.push(bad.email);
    const r = await postJson(ARTICLES[1]!, bad);
    expect(r.status).toBe(422);
    counts.invalid += 1;
  }

  // Moderation: a third approved, some rejected, marked spam, deleted; replies to approved ones.
  const approved = accepted.filter((_, i) => i % 3 === 0);
  for (const c of approved) expect((await call('POST', `/api/admin/comments/${c.id}/approve`, { moderator: true })).status).toBe(200);
  for (const c of accepted.filter((_, i) => i % 3 === 1).slice(0, 30))
    await call('POST', `/api/admin/comments/${c.id}/reject`, {
      body: '{"reason":"off topic"}',
      headers: { 'content-type': 'application/json' },
      moderator: true,
    });
  for (const c of accepted.filter((_, i) => i % 3 === 2).slice(0, 15))
    await call('POST', `/api/admin/comments/${c.id}/spam`, { moderator: true });
  for (const c of accepted.filter((_, i) => i % 3 === 2).slice(15, 25))
    expect((await call('DELETE', `/api/admin/comments/${c.id}`, { moderator: true })).status).toBe(204);
  for (let i = 300; i < 310; i++) {
    const parent = approved[i - 300]!;
    const r = await postJson(parent.articleId, { ...fields(i), parentId: parent.id });
    expect(r.status, r.text).toBe(202);
    expect((await call('POST', `/api/admin/comments/${r.json.id}/approve`, { moderator: true })).status).toBe(200);
    counts.replies += 1;
  }
  // Privacy requests: export five addresses, erase five others (published comments stay, anonymised).
  for (const address of emails.slice(0, 5))
    expect((await call('GET', `/api/admin/privacy/export?email=${encodeURIComponent(address)}`, { moderator: true })).status).toBe(200);
  for (const address of [emails[0]!, emails[3]!, emails[6]!, emails[9]!, emails[12]!]) {
    const erased = await call('POST', '/api/admin/privacy/erase', {
      body: JSON.stringify({ email: address }),
      headers: { 'content-type': 'application/json' },
      moderator: true,
    });
    expect(erased.status, erased.text).toBe(200);
  }
  // A last pending comment on an article of its own: once its notification is in the outbox, the
  // local stream reader has caught up with everything written before it.
  const sentinelArticle = `sweep-sentinel-${run}`;
  const sentinel = await postJson(sentinelArticle, fields(310));
  expect(sentinel.status, sentinel.text).toBe(202);
  await waitForOutbox(sentinelArticle, 30_000);

  // Crawl every public route of the route table, every page, with several page sizes.
  const publicRoutes = ROUTES.filter((r) => r.auth === 'public');
  let crawledComments = 0;
  // The paged public lists (counts and mail-link pages carry no comments to crawl).
  for (const route of publicRoutes.filter((r) => r.method === 'GET' && r.path.includes('{articleId}'))) {
    for (const articleId of [...ARTICLES, 'sweep-never-commented']) {
      for (const limit of [1, 7, 50, 100]) {
        let cursor: string | null = null;
        do {
          const path = `/api${route.path.replace('{articleId}', articleId)}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
          const page = await call('GET', path);
          expect(page.status).toBe(200);
          if (limit === 100) crawledComments += page.json.comments.length;
          cursor = page.json.nextCursor;
        } while (cursor);
      }
    }
  }
  expect(crawledComments).toBe(approved.length + counts.replies);
  const home = await call('GET', '/');
  expect(home.status).toBe(200);
  for (const path of [
    '/admin',
    '/config.json',
    '/related/anything',
    ...new Set([...home.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)),
  ])
    await call('GET', path);
  for (const location of redirects) {
    const url = new URL(location);
    expect(url.origin).toBe(base);
    await call('GET', `${url.pathname}${url.search}`);
  }

  // Stop the process the way Ctrl-C does, so every line it meant to write is written.
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));

  const outbox = readOutbox();
  const logLines = output.split('\n').filter((l) => l.trim() !== '');
  const needles = emails.flatMap((e) => [e.toLowerCase(), encodeURIComponent(e).toLowerCase()]);
  const leaks = (where: string, text: string) => {
    const lower = text.toLowerCase();
    return needles.filter((n) => lower.includes(n)).map((n) => `${where}: ${n}`);
  };
  const found = [
    ...publicAnswers.flatMap((a) => leaks(a.where, a.text)),
    ...logLines.flatMap((l, i) => leaks(`log line ${i + 1}`, l)),
    ...outbox.flatMap((m, i) => leaks(`notification ${i + 1}`, m)),
  ];
  // Nothing shaped like an address at all in what the API answers publicly, in the logs or in notifications.
  const apiAnswers = publicAnswers.filter((a) => a.where.includes(' /api/'));
  const shaped = [
    ...apiAnswers.flatMap((a) => (a.text.match(EMAIL_SHAPED) ?? []).map((m) => `${a.where}: ${m}`)),
    ...logLines.flatMap((l, i) => (l.match(EMAIL_SHAPED) ?? []).map((m) => `log line ${i + 1}: ${m}`)),
    ...outbox.flatMap((m, i) => (m.match(EMAIL_SHAPED) ?? []).map((x) => `notification ${i + 1}: ${x}`)),
  ];

  // Locally Powertools pretty-prints each record over several lines (POWERTOOLS_DEV); count records too.
  const records = (output.match(/"level":\s*"[A-Z]+"/g) ?? []).length;
  expect(records).toBeGreaterThan(accepted.length);
  expect(outbox.length).toBeGreaterThan(0);
  figures = [
    '## Privacy sweep',
    '',
    `**${emails.length} distinct emails, ${publicAnswers.length} public answers, ${records} log records and ${outbox.length} notifications read: ${found.length} email addresses found.**`,
    '',
    `The service run as \`npm start\` runs it (its own process, POWERTOOLS_LOG_LEVEL=DEBUG, moderator notifications on), then ${emails.length} distinct email addresses ` +
      'submitted, moderated (approved, rejected, spam, deleted, privacy export and erasure) and crawled:',
    '',
    table(
      ['what', 'how many'],
      [
        [
          'submissions: JSON / form / no-script form (303) / retried with Idempotency-Key / duplicates (409) / refused (422) / replies',
          `${counts.json} / ${counts.form} / ${counts.noScript} / ${counts.retries} / ${counts.duplicates} / ${counts.invalid} / ${counts.replies}`,
        ],
        ['comments approved (and so public)', approved.length + counts.replies],
        [
          'public answers read (every public route of the route table, every page at 4 page sizes, the pages and their assets, the redirect targets)',
          publicAnswers.length,
        ],
        ['log records / lines written by the process (stdout and stderr)', `${records} / ${logLines.length}`],
        ['moderator notifications sent (local outbox)', outbox.length],
        ['**email addresses found** (any of the submitted ones, case-insensitive, also URL-encoded)', `**${found.length}**`],
        ['anything shaped like an email address in API answers, logs and notifications', shaped.length],
      ],
    ),
  ].join('\n');
  expect(found).toEqual([]);
  expect(shaped).toEqual([]);
});
