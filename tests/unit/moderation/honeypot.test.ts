import { expect, it } from 'vitest';
import { honeypot } from '../../../lambda/domain/moderation/honeypot';
import { context } from './context';

it('decides spam when the hidden field was filled in', async () => {
  expect(await honeypot(context({ submission: { honeypot: true } }))).toEqual({
    decide: 'spam',
    reason: { rule: 'honeypot', message: 'the hidden field was filled in' },
  });
});

it('lets the next phase look when the hidden field is empty', async () => {
  expect(await honeypot(context())).toBeUndefined();
});
