import { expect, it } from 'vitest';
import { articlePremoderation } from '../../../lambda/domain/moderation/article-premoderation';
import { context } from './context';

it('holds every comment of an article with pre-moderation explicitly on', async () => {
  expect(await articlePremoderation(context({ settings: { premoderation: false }, article: { premoderation: true } }))).toEqual({
    decide: 'pending',
    reason: { rule: 'premoderation', message: 'every comment on this article is held for review' },
  });
});

it('leaves an article without the setting, or with it off, to the later phases', async () => {
  expect(await articlePremoderation(context({ article: { premoderation: null } }))).toBeUndefined();
  expect(await articlePremoderation(context({ article: { premoderation: false } }))).toBeUndefined();
});
