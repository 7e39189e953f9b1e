/** The local runtime reads DynamoDB Local's stream and runs the notify-moderators handler into the outbox. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, api, startFloodFreeRuntime, validComment } from '../support/runtime';

let runtime: LocalRuntime;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'notify-test-'));
  runtime = await startFloodFreeRuntime({ notifications: true, dataDir, streamPollMs: 200 });
  // An address in a comment is contact harvesting to the spam classifier; off here, where the digest must mask one.
  const off = await api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: { triage: { spam: { provider: null } } } });
  if (off.status !== 200) throw new Error(`could not turn the spam classifier off: ${off.status} ${off.text}`);
});
afterAll(async () => {
  await runtime?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface OutboxMessage {
  at: string;
  subject: string;
  message: string;
}

async function outbox(): Promise<OutboxMessage[]> {
  const dir = join(dataDir, 'outbox');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
  return Promise.all(files.sort().map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as OutboxMessage));
}

/** Waits until the outbox mentions every id (the stream is read about every 200 ms here). */
async function outboxMentioning(ids: string[]): Promise<OutboxMessage[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const messages = await outbox();
    const text = messages.map((m) => m.message).join('\n');
    if (ids.every((id) => text.includes(id))) return messages;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the outbox never mentioned all of ${ids.join(', ')}`);
}

describe('moderator notifications, locally', () => {
  it('writes a digest of new pending comments to the outbox, without spam and without any email address', async () => {
    const comments = [
      validComment({ email: 'first.reader@example.com', comment: 'Reach me at first.reader@example.com about this.' }),
      validComment({ email: 'second.reader@example.com', author: 'second.reader@example.com' }),
      validComment({ email: 'third.reader@example.com' }),
    ];
    const ids: string[] = [];
    for (const body of comments) {
      const response = await api(runtime, 'POST', '/articles/notify-article/comments', { body });
      expect(response.status).toBe(202);
      ids.push(response.body.id);
    }
    const spam = await api(runtime, 'POST', '/articles/notify-article/comments', { body: validComment({ website_confirm: 'x' }) });
    expect(spam.status).toBe(202);
    // One more pending comment after the spam: once it is in the outbox, the stream was read past the spam record.
    const after = await api(runtime, 'POST', '/articles/notify-article/comments', { body: validComment() });
    expect(after.status).toBe(202);

    const messages = await outboxMentioning([...ids, after.body.id]);
    const text = messages.map((m) => `${m.subject}\n${m.message}`).join('\n');
    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(messages[0]!.subject).toMatch(/new comments? awaiting moderation/);
    expect(text).toContain('notify-article');
    expect(text).toContain(`${runtime.url}/admin`);
    expect(text).not.toContain(spam.body.id);
    expect(text).not.toMatch(/@/);
    for (const c of comments) expect(text.toLowerCase()).not.toContain(c.email.toLowerCase());
  });

  it('does not notify about moderator actions', async () => {
    const response = await api(runtime, 'POST', '/articles/notify-article/comments', { body: validComment() });
    await outboxMentioning([response.body.id]);
    const before = (await outbox()).length;
    await api(runtime, 'POST', `/admin/comments/${response.body.id}/approve`, { token: MODERATOR_TOKEN });
    // A later pending comment proves the stream was read past the approval.
    const later = await api(runtime, 'POST', '/articles/notify-article/comments', { body: validComment() });
    const after = await outboxMentioning([later.body.id]);
    expect(
      after
        .slice(before)
        .map((m) => m.message)
        .join('\n'),
    ).not.toContain(response.body.id);
  });
});
