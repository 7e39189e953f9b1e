/**
 * Reply notifications end to end on DynamoDB Local: the local runtime reads
 * the comments stream and writes every mail as an .eml file under
 * DATA_DIR/outbox/mail. Each "no mail" is proven by a later mail that the
 * stream delivers after the event in question.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, api, startFloodFreeRuntime, validComment } from '../support/runtime';

let runtime: LocalRuntime;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'reply-mail-test-'));
  runtime = await startFloodFreeRuntime({ notifications: true, dataDir, streamPollMs: 200 });
});
afterAll(async () => {
  await runtime?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface Mail {
  file: string;
  headers: Record<string, string>;
  text: string;
}

async function mails(): Promise<Mail[]> {
  const dir = join(dataDir, 'outbox', 'mail');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = await readFile(join(dir, file), 'utf8');
      const [head, body] = raw.split('\r\n\r\n') as [string, string];
      const headers = Object.fromEntries(
        head.split('\r\n').map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 2)]),
      );
      return { file, headers, text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8') };
    }),
  );
}

/** Waits until a mail to `to` arrives beyond the first `seen` mails, and answers all mails then. */
async function mailTo(to: string, seen: number): Promise<Mail[]> {
  for (let i = 0; i < 150; i++) {
    const all = await mails();
    if (all.slice(seen).some((m) => m.headers.to === to)) return all;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no mail to ${to} arrived`);
}

const link = (text: string, path: string) => text.match(new RegExp(`http\\S*${path}\\?token=\\S+`))?.[0] ?? '';
const mod = { token: MODERATOR_TOKEN };
const ARTICLE = 'mail-article';

async function post(body: Record<string, unknown>) {
  const response = await api(runtime, 'POST', `/articles/${ARTICLE}/comments`, { body });
  expect(response.status, response.text).toBe(202);
  return response.body.id as string;
}
const approve = (id: string) => api(runtime, 'POST', `/admin/comments/${id}/approve`, mod);

describe('reply notifications, locally', () => {
  const ann = { author: 'Ann', email: 'ann@example.com' };
  const bob = { author: 'Bob Replier', email: 'bob.replier@example.com' };
  let parentId: string;
  let unsubscribeLink: string;

  it('sends one confirmation per address and day, and nothing else before it is confirmed', async () => {
    parentId = await post(validComment({ ...ann, notify_replies: 'yes' }));
    let all = await mailTo(ann.email, 0);
    expect(all).toHaveLength(1);
    const confirmation = all[0]!;
    expect(confirmation.file).toMatch(/-confirmation\.eml$/);
    expect(confirmation.headers.subject).toBe('Confirm reply notifications');
    expect(link(confirmation.text, '/subscriptions/confirm')).not.toBe('');
    expect(confirmation.text).not.toContain(ann.email);

    await post(validComment({ ...ann, notify_replies: 'yes' }));
    // A reply to the unconfirmed parent, approved: nothing may go to Ann yet.
    expect((await approve(parentId)).status).toBe(200);
    const early = await post(validComment({ ...bob, parentId }));
    expect((await approve(early)).status).toBe(200);
    await post(validComment({ author: 'Cy', email: 'cy@example.com', notify_replies: 'yes' }));
    all = await mailTo('cy@example.com', 1);
    expect(all.filter((m) => m.headers.to === ann.email)).toHaveLength(1);
  });

  it('confirms the address from the link; a second click changes nothing', async () => {
    const [confirmation] = await mails();
    const url = link(confirmation!.text, '/subscriptions/confirm');
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await first.text()).toContain('Address confirmed');
    const again = await fetch(url);
    expect(await again.text()).toContain('Already confirmed');
  });

  it('mails the parent author once when a reply is approved: never while pending, never for their own reply, never the replier email', async () => {
    const seen = (await mails()).length;
    const reply = await post(validComment({ ...bob, parentId, comment: `Bob here, write to ${bob.email}. ${'Long text. '.repeat(40)}` }));
    const own = await post(validComment({ ...ann, parentId }));
    expect((await approve(own)).status).toBe(200);
    expect((await approve(reply)).status).toBe(200);

    const all = await mailTo(ann.email, seen);
    const fresh = all.slice(seen);
    expect(fresh).toHaveLength(1);
    const mail = fresh[0]!;
    expect(mail.file).toMatch(/-reply\.eml$/);
    expect(mail.text).toContain('Bob Replier replied to your comment');
    expect(mail.text).toContain(`${runtime.url}/#comments`);
    expect(mail.text).toContain('…');
    const raw = (await readFile(join(dataDir, 'outbox', 'mail', mail.file), 'utf8')).toLowerCase();
    expect(raw).not.toContain(bob.email);
    expect(mail.text.toLowerCase()).not.toContain(bob.email);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    unsubscribeLink = mail.headers['list-unsubscribe']!.replace(/^<|>$/g, '');
    expect(link(mail.text, '/subscriptions/unsubscribe')).toBe(unsubscribeLink);
  });

  it('unsubscribes with the one-click POST; later replies send nothing', async () => {
    const page = await fetch(unsubscribeLink);
    const html = await page.text();
    expect(html).toContain('<button type="submit">Unsubscribe</button>');
    const oneClick = await fetch(unsubscribeLink, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Unsubscribed');

    const seen = (await mails()).length;
    const reply = await post(validComment({ ...bob, parentId }));
    expect((await approve(reply)).status).toBe(200);
    await post(validComment({ author: 'Dee', email: 'dee@example.com', notify_replies: 'yes' }));
    const all = await mailTo('dee@example.com', seen);
    expect(all.slice(seen).map((m) => m.headers.to)).toEqual(['dee@example.com']);
  });

  it('answers a tampered or cut token with a clear page, never a 500', async () => {
    const tampered = unsubscribeLink.replace(/token=v1\.(.)/, (_, c: string) => `token=v1.${c === 'A' ? 'B' : 'A'}`);
    for (const [method, url] of [
      ['GET', tampered],
      ['POST', tampered],
      ['GET', unsubscribeLink.slice(0, -5)],
      ['GET', `${runtime.apiUrl}/subscriptions/confirm?token=%00%3Cscript%3E`],
    ] as const) {
      const response = await fetch(url, { method });
      expect(response.status, url).toBe(400);
      const html = await response.text();
      expect(html).toContain('This link is not valid');
      expect(html).not.toContain('<script>');
    }
  });

  it('tells the form to offer the box, which a plain form post can tick too', async () => {
    const list = await api(runtime, 'GET', `/articles/${ARTICLE}/comments`);
    expect(list.body.replyNotifications).toBe(true);
    const page = await (await fetch(`${runtime.url}/`)).text();
    expect(page).toContain(
      '<p class="comment-form-notify-replies"><input id="notify_replies" name="notify_replies" type="checkbox" value="yes">',
    );
    const seen = (await mails()).length;
    const form = new URLSearchParams({ ...validComment({ author: 'Eve', email: 'eve@example.com' }), notify_replies: 'yes' });
    const posted = await api(runtime, 'POST', `/articles/${ARTICLE}/comments`, {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status).toBe(202);
    const all = await mailTo('eve@example.com', seen);
    expect(all.slice(seen).map((m) => m.headers.subject)).toEqual(['Confirm reply notifications']);
  });

  it('lists the subscription in the privacy export and removes it on erasure', async () => {
    const exported = await api(runtime, 'GET', `/admin/privacy/export?email=${encodeURIComponent(ann.email)}`, mod);
    expect(exported.status).toBe(200);
    expect(exported.body.subscription).toMatchObject({ state: 'unsubscribed', commentIds: expect.arrayContaining([parentId]) });
    expect((await api(runtime, 'POST', '/admin/privacy/erase', { ...mod, body: { email: ann.email } })).status).toBe(200);
    const after = await api(runtime, 'GET', `/admin/privacy/export?email=${encodeURIComponent(ann.email)}`, mod);
    expect(after.body.subscription).toBeNull();
    expect((await fetch(unsubscribeLink, { method: 'POST' })).status).toBe(404);
  });
});
