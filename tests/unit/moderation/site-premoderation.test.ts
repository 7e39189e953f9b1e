import { expect, it } from 'vitest';
import { sitePremoderation } from '../../../lambda/domain/moderation/site-premoderation';
import { context } from './context';

it('always decides: held when the site pre-moderates, published when not', async () => {
  expect(await sitePremoderation(context({ settings: { premoderation: true } }))).toEqual({
    decide: 'pending',
    reason: { rule: 'premoderation', message: 'every comment is held for review' },
  });
  expect(await sitePremoderation(context({ settings: { premoderation: false } }))).toEqual({
    decide: 'approved',
    reason: { rule: 'premoderation', message: 'pre-moderation is off and no rule held it' },
  });
});

it("follows the article's setting over the site's", async () => {
  expect(await sitePremoderation(context({ settings: { premoderation: true }, article: { premoderation: false } }))).toMatchObject({
    decide: 'approved',
  });
});

it('holds under "auto" when nothing decided automatically, and an article may still say otherwise', async () => {
  expect(await sitePremoderation(context({ settings: { premoderation: 'auto' } }))).toEqual({
    decide: 'pending',
    reason: { rule: 'premoderation', message: 'no automatic decision: held for review' },
  });
  expect(await sitePremoderation(context({ settings: { premoderation: 'auto' }, article: { premoderation: false } }))).toMatchObject({
    decide: 'approved',
  });
  expect(await sitePremoderation(context({ settings: { premoderation: 'auto' }, article: { premoderation: true } }))).toMatchObject({
    reason: { message: 'every comment is held for review' },
  });
});
