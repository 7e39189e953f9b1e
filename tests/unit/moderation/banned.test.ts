import { expect, it } from 'vitest';
import { banned } from '../../../lambda/domain/moderation/banned';
import { MODERATION_PHASES } from '../../../lambda/domain/moderation/phases';
import { disallowedWords } from '../../../lambda/domain/moderation/disallowed-words';
import { maxLinks } from '../../../lambda/domain/moderation/max-links';
import { context } from './context';

it('decides spam for a banned poster, naming the ban', async () => {
  expect(await banned({ ...context(), ban: { id: 'b1', scope: 'address' } })).toEqual({
    decide: 'spam',
    reason: { rule: 'ban', message: 'the address banned (ban b1)' },
  });
});

it('passes a poster without a ban', async () => {
  expect(await banned(context())).toBeUndefined();
  expect(await banned({ ...context(), ban: null })).toBeUndefined();
});

it('runs after the disallowed words and before the hold rules', () => {
  const at = MODERATION_PHASES.indexOf(banned);
  expect(at).toBe(MODERATION_PHASES.indexOf(disallowedWords) + 1);
  expect(at).toBeLessThan(MODERATION_PHASES.indexOf(maxLinks));
});
