/** The last phase, which always decides: the article's setting when it has one, else the site's. */
import type { Phase } from './phase';

export const sitePremoderation: Phase = ({ article, settings }) =>
  (article.premoderation ?? settings.premoderation)
    ? { decide: 'pending', reason: { rule: 'premoderation', message: 'every comment is held for review' } }
    : { decide: 'approved', reason: { rule: 'premoderation', message: 'pre-moderation is off and no rule held it' } };
