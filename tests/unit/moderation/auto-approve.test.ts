import { expect, it } from 'vitest';
import { autoApprove } from '../../../lambda/domain/moderation/auto-approve';
import { context } from './context';

const on = { autoApprove: { enabled: true, minApproved: 2 } };

it('publishes a known good author, saying why', async () => {
  expect(await autoApprove(context({ settings: on, author: { approved: 2 } }))).toEqual({
    decide: 'approved',
    reason: { rule: 'autoApprove', message: 'the author has 2 approved comments and none rejected or spam' },
  });
  const windowed = { autoApprove: { enabled: true, minApproved: 1, windowDays: 30 } };
  expect(await autoApprove(context({ settings: windowed, author: { approved: 1 } }))).toMatchObject({
    reason: { message: 'the author has 1 approved comment and none rejected or spam in the last 30 days' },
  });
});

it('needs minApproved approved comments and none rejected or spam, and is off by default', async () => {
  expect(await autoApprove(context({ settings: on, author: { approved: 1 } }))).toBeUndefined();
  expect(await autoApprove(context({ settings: on, author: { approved: 5, rejected: 1 } }))).toBeUndefined();
  expect(await autoApprove(context({ settings: on, author: { approved: 5, spam: 1 } }))).toBeUndefined();
  expect(await autoApprove(context({ author: { approved: 100 } }))).toBeUndefined();
});
