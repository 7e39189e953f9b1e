/**
 * The last phase, which always decides: the article's setting when it has
 * one, else the site's. Under "auto" the gate decides first; a comment that
 * reaches this phase then had no automatic decision, so a person decides.
 */
import type { Phase } from './phase';

export const sitePremoderation: Phase = ({ article, settings }) => {
  const premoderation = article.premoderation ?? settings.premoderation;
  if (premoderation === false) {
    return { decide: 'approved', reason: { rule: 'premoderation', message: 'pre-moderation is off and no rule held it' } };
  }
  const message = premoderation === 'auto' ? 'no automatic decision: held for review' : 'every comment is held for review';
  return { decide: 'pending', reason: { rule: 'premoderation', message } };
};
