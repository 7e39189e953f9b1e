/**
 * Auto-approve with a window (autoApprove.windowDays): only the author's
 * comments of the last N days count, both the approvals and the rejections.
 * Through the CommentService on DynamoDB Local with an injected clock.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { dynamoDbStores } from '../../lambda/adapters/dynamodb/stores';
import { CommentService } from '../../lambda/domain/comment-service';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { LearnedTriage } from '../../lambda/domain/triage/learned-triage';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { startTestRuntime, validComment } from '../support/runtime';
import { InMemorySiteModelStore } from '../support/memory-site-model-store';
import { BUILTIN_SCORES } from '../support/triage';

let runtime: LocalRuntime;
let service: CommentService;
let clock = new Date('2030-01-01T00:00:00.000Z');
const day = (n: number) => new Date(Date.parse('2030-01-01T00:00:00.000Z') + n * 86_400_000);

beforeAll(async () => {
  runtime = await startTestRuntime();
  const store = dynamoDbStores(createDocumentClient(runtime.dynamodb.endpoint), {
    comments: runtime.tables.Comments!,
    private: runtime.tables.Private!,
  });
  // Scored as deployed (the learned triage on a new site), so every comment carries both scores.
  const triage = new LearnedTriage(new InMemorySiteModelStore(), { cacheMs: 0 });
  service = new CommentService({ store, hasher: new KeyedHasher(process.env.HASH_KEY!), now: () => clock, triage });
  await service.updateSettings({ floodSeconds: 0, autoApprove: { enabled: true, minApproved: 1, windowDays: 30 } });
});
afterAll(() => runtime?.stop());

async function postOn(n: number, email: string) {
  clock = day(n);
  return service.submit({ articleId: 'window-article', input: validComment({ email }), clientIp: null });
}
async function moderateOn(n: number, id: string, to: 'approved' | 'rejected') {
  clock = day(n);
  await service.moderate(id, to, { actor: 'test-moderator' });
}

it('publishes at once while an approval is inside the window, and holds again once it is not', async () => {
  const email = 'regular.reader@example.com';
  const first = await postOn(0, email);
  expect(first.body.status).toBe('pending');
  await moderateOn(0, first.body.id, 'approved');

  const trusted = await postOn(10, email);
  expect(trusted).toMatchObject({ created: true, body: { status: 'approved' } });
  const view = await service.getForModeration(trusted.body.id);
  expect(view.reasons).toEqual([
    { rule: 'autoApprove', message: 'the author has 1 approved comment and none rejected or spam in the last 30 days' },
    ...BUILTIN_SCORES,
  ]);

  // Day 45: the approvals of days 0 and 10 are outside the last 30 days.
  expect((await postOn(45, email)).body.status).toBe('pending');
});

it('forgets a rejection once it is outside the window (the lifetime counts would not)', async () => {
  const email = 'reformed.reader@example.com';
  const rejected = await postOn(0, email);
  await moderateOn(0, rejected.body.id, 'rejected');
  expect((await postOn(20, email)).body.status).toBe('pending'); // day 20: the rejection of day 0 is inside the window
  const later = await postOn(31, email);
  await moderateOn(31, later.body.id, 'approved');

  expect((await postOn(40, email)).body.status).toBe('approved'); // day 40: only day 31's approval (and day 20's pending post) count

  await service.updateSettings({ autoApprove: { windowDays: null } });
  expect((await postOn(41, email)).body.status).toBe('pending'); // all time: the rejection counts again
  await service.updateSettings({ autoApprove: { windowDays: 30 } });
});

it('validates the window setting', async () => {
  await expect(service.updateSettings({ autoApprove: { windowDays: 0 } })).rejects.toMatchObject({ code: 'ValidationError' });
  await expect(service.updateSettings({ autoApprove: { windowDays: 3651 } })).rejects.toMatchObject({ code: 'ValidationError' });
});
