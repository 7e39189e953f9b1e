import { expect, it } from 'vitest';
import { disallowedWords } from '../../../lambda/domain/moderation/disallowed-words';
import { context } from './context';

const settings = { disallowedWords: ['casino'] };

it('decides spam, naming the word and the field it was found in', async () => {
  expect(await disallowedWords(context({ settings, submission: { comment: 'Best CASINO bonus' } }))).toEqual({
    decide: 'spam',
    reason: { rule: 'disallowedWords', message: 'disallowed word "casino" in the text' },
  });
  expect(await disallowedWords(context({ settings, submission: { url: 'https://casino.example' } }))).toMatchObject({
    reason: { message: 'disallowed word "casino" in the website' },
  });
});

it('passes a comment without the word, and any comment when the list is empty', async () => {
  expect(await disallowedWords(context({ settings, submission: { comment: 'casinos are fun' } }))).toBeUndefined();
  expect(await disallowedWords(context({ submission: { comment: 'Best casino bonus' } }))).toBeUndefined();
});
