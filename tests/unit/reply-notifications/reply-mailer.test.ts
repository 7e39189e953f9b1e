/** The stream's mail decisions over the in-memory store: who is mailed, how often, and never what. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Comment } from '../../../lambda/domain/comment';
import { normaliseEmail } from '../../../lambda/domain/email';
import { KeyedHasher } from '../../../lambda/domain/keyed-hash';
import type { OutgoingMail } from '../../../lambda/domain/reply-notifications/mail';
import { ReplyMailer } from '../../../lambda/domain/reply-notifications/reply-mailer';
import { DAILY_MAIL_LIMIT } from '../../../lambda/domain/reply-notifications/subscriber';
import { Subscriptions } from '../../../lambda/domain/reply-notifications/subscriptions';
import { SubscriptionTokens } from '../../../lambda/domain/reply-notifications/tokens';
import { type MemoryStore, memoryStore } from '../../support/memory-store';

const hasher = new KeyedHasher('a-test-key-of-at-least-16-characters');
const links = {
  from: 'c@news.example.com',
  apiUrl: 'https://api.example.com/api',
  articleUrl: (id: string) => `https://n.example.com/${id}`,
};
let now = Date.parse('2030-03-01T10:00:00Z');
const clock = () => new Date(now);
const hour = 3_600_000;

let store: MemoryStore;
let sent: OutgoingMail[];
let mailer: ReplyMailer;
let subscriptions: Subscriptions;
const tokens = new SubscriptionTokens(hasher, clock);

async function comment(id: string, email: string, options: { parentId?: string; notify?: boolean } = {}) {
  const at = clock().toISOString();
  const c: Comment = {
    id,
    articleId: 'a1',
    parentId: options.parentId ?? null,
    author: `Author ${id}`,
    url: null,
    comment: `Text of ${id}`,
    status: 'approved',
    createdAt: at,
    updatedAt: at,
    version: 1,
    reasons: [],
  };
  const emailHash = hasher.hash('email', normaliseEmail(email));
  await store.insertComment({
    comment: c,
    contact: { commentId: id, email, emailHash, guardKeys: [], ...(options.notify ? { notifyReplies: true } : {}) },
    history: { at, actor: 'system', from: null, to: 'approved', reason: null, rule: null },
    floodKeys: [],
    floodMs: 0,
    expiresAt: null,
    firstCommentOfArticle: false,
  });
  return { id, parentId: options.parentId ?? '', articleId: 'a1', author: c.author, comment: c.comment };
}

async function confirm(email: string) {
  await store.claimConfirmation(hasher.hash('email', email), clock().toISOString(), clock().toISOString());
  expect(await subscriptions.confirm(tokens.sign('confirm', hasher.hash('email', email)))).toBe('confirmed');
}

beforeEach(() => {
  store = memoryStore();
  sent = [];
  mailer = new ReplyMailer({ store, mailer: { send: async (m) => void sent.push(m) }, tokens, links, now: clock });
  subscriptions = new Subscriptions({ store, tokens, hasher, now: clock });
});

describe('confirmation mails', () => {
  it('go once per address per 24 hours, only for comments that asked, never once confirmed', async () => {
    await comment('p1', 'ann@example.com', { notify: true });
    await comment('p2', 'ann@example.com', { notify: true });
    await comment('quiet', 'bob@example.com');
    expect(await mailer.requestConfirmation('p1')).toBe(true);
    expect(await mailer.requestConfirmation('p2')).toBe(false);
    expect(await mailer.requestConfirmation('quiet')).toBe(false);
    expect(sent.map((m) => [m.kind, m.to])).toEqual([['confirmation', 'ann@example.com']]);

    now += 24 * hour;
    expect(await mailer.requestConfirmation('p2')).toBe(true);
    await confirm('ann@example.com');
    now += 48 * hour;
    expect(await mailer.requestConfirmation('p1')).toBe(false);
    expect(sent).toHaveLength(2);
  });

  it('never go to a suppressed address, and an unsubscribed one is asked again', async () => {
    await comment('p1', 'bounced@example.com', { notify: true });
    await subscriptions.suppress('Bounced@Example.com ');
    expect(await mailer.requestConfirmation('p1')).toBe(false);

    await comment('p2', 'ann@example.com', { notify: true });
    await confirm('ann@example.com');
    expect(await subscriptions.unsubscribe(tokens.sign('unsubscribe', hasher.hash('email', 'ann@example.com')))).toBe('unsubscribed');
    expect(await mailer.requestConfirmation('p2')).toBe(false); // the 24 hours count from the last confirmation mail
    now += 24 * hour;
    expect(await mailer.requestConfirmation('p2')).toBe(true);
    expect(sent.map((m) => m.to)).toEqual(['ann@example.com']);
  });
});

describe('a mail the sender does not accept', () => {
  const refusingOnce = () => {
    let refuse = true;
    return new ReplyMailer({
      store,
      mailer: {
        send: async (m) => {
          if (refuse) {
            refuse = false;
            throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
          }
          sent.push(m);
        },
      },
      tokens,
      links,
      now: clock,
    });
  };

  it('is not marked sent: the retried batch sends the reply mail', async () => {
    await comment('parent', 'ann@example.com', { notify: true });
    const reply = await comment('r1', 'bob@example.com', { parentId: 'parent' });
    await confirm('ann@example.com');
    const throttled = refusingOnce();
    await expect(throttled.notifyParent(reply)).rejects.toThrow('Maximum sending rate');
    expect(await throttled.notifyParent(reply)).toBe('sent');
    expect(await throttled.notifyParent(reply)).toBe('duplicate');
    expect(sent.map((m) => [m.kind, m.to])).toEqual([['reply', 'ann@example.com']]);
  });

  it('is not counted against the day: a refused mail leaves the limit whole', async () => {
    await comment('parent', 'ann@example.com', { notify: true });
    await confirm('ann@example.com');
    const throttled = refusingOnce();
    const replies = await Promise.all(
      Array.from({ length: DAILY_MAIL_LIMIT }, (_, i) => comment(`r${i}`, `b${i}@example.com`, { parentId: 'parent' })),
    );
    await expect(throttled.notifyParent(replies[0]!)).rejects.toThrow();
    for (const reply of replies) expect(await throttled.notifyParent(reply)).toBe('sent');
  });

  it('is not marked sent: the retried batch sends the confirmation', async () => {
    await comment('p1', 'ann@example.com', { notify: true });
    const throttled = refusingOnce();
    await expect(throttled.requestConfirmation('p1')).rejects.toThrow();
    expect(await throttled.requestConfirmation('p1')).toBe(true);
    expect(sent.map((m) => m.kind)).toEqual(['confirmation']);
  });
});

describe('reply mails', () => {
  it('go to a confirmed parent author once per reply, never for their own reply or to an unconfirmed address', async () => {
    await comment('parent', 'ann@example.com', { notify: true });
    const reply = await comment('r1', 'bob@example.com', { parentId: 'parent' });
    expect(await mailer.notifyParent(reply)).toBe('notConfirmed');
    await confirm('ann@example.com');
    expect(await mailer.notifyParent(reply)).toBe('sent');
    expect(await mailer.notifyParent(reply)).toBe('duplicate');
    const own = await comment('r2', ' ANN@example.com', { parentId: 'parent' });
    expect(await mailer.notifyParent(own)).toBe('ownReply');
    await comment('quiet-parent', 'cy@example.com');
    expect(await mailer.notifyParent(await comment('r3', 'bob@example.com', { parentId: 'quiet-parent' }))).toBe('notRequested');
    expect(sent.map((m) => [m.kind, m.to])).toEqual([['reply', 'ann@example.com']]);
    expect(sent[0]!.text).not.toContain('bob@example.com');
  });

  it(`stop at ${DAILY_MAIL_LIMIT} a day per address and start again the next day`, async () => {
    now = Date.parse('2030-03-01T10:00:00Z');
    await comment('parent', 'ann@example.com', { notify: true });
    await confirm('ann@example.com');
    const outcomes: string[] = [];
    for (let i = 0; i < DAILY_MAIL_LIMIT + 2; i++)
      outcomes.push(await mailer.notifyParent(await comment(`r${i}`, `reader${i}@example.com`, { parentId: 'parent' })));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(DAILY_MAIL_LIMIT);
    expect(outcomes.slice(DAILY_MAIL_LIMIT)).toEqual(['overLimit', 'overLimit']);
    now = Date.parse('2030-03-02T00:00:01Z');
    expect(await mailer.notifyParent(await comment('tomorrow', 'late@example.com', { parentId: 'parent' }))).toBe('sent');
  });
});
