import { expect, it } from 'vitest';
import { moderationWords } from '../../../lambda/domain/moderation/moderation-words';
import { context } from './context';

const settings = { moderationWords: ['crypto'] };

it('holds a comment with a moderation word, however it is dressed', async () => {
  expect(await moderationWords(context({ settings, submission: { comment: 'ｃｒｙ\u200Bｐｔｏ tips' } }))).toEqual({
    hold: { rule: 'moderationWords', message: 'moderation word "crypto" in the text' },
  });
  expect(await moderationWords(context({ settings, submission: { author: 'Crypto Carl' } }))).toEqual({
    hold: { rule: 'moderationWords', message: 'moderation word "crypto" in the name' },
  });
});

it('passes a comment without one', async () => {
  expect(await moderationWords(context({ settings, submission: { comment: 'cryptography is maths' } }))).toBeUndefined();
});
