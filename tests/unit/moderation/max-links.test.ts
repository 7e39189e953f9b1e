import { expect, it } from 'vitest';
import { maxLinks } from '../../../lambda/domain/moderation/max-links';
import { context } from './context';

const links = (n: number) => Array.from({ length: n }, (_, i) => `https://site${i}.example/`).join(' and ');

it('holds at the limit and reports the count, and lets the rest run', async () => {
  expect(await maxLinks(context({ settings: { maxLinks: 2 }, submission: { comment: links(3) } }))).toEqual({
    hold: { rule: 'maxLinks', message: '3 links, limit 2' },
  });
  expect(await maxLinks(context({ settings: { maxLinks: 1 }, submission: { comment: links(1) } }))).toEqual({
    hold: { rule: 'maxLinks', message: '1 link, limit 1' },
  });
});

it('passes below the limit, ignores the website field, and is off at 0', async () => {
  expect(await maxLinks(context({ settings: { maxLinks: 2 }, submission: { comment: links(1) } }))).toBeUndefined();
  expect(await maxLinks(context({ settings: { maxLinks: 1 }, submission: { url: 'https://ann.example' } }))).toBeUndefined();
  expect(await maxLinks(context({ settings: { maxLinks: 0 }, submission: { comment: links(50) } }))).toBeUndefined();
});
