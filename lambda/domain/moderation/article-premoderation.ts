/** An article with pre-moderation explicitly on holds every comment, before auto-approve can publish one. */
import type { Phase } from './phase';

export const articlePremoderation: Phase = ({ article }) =>
  article.premoderation === true
    ? { decide: 'pending', reason: { rule: 'premoderation', message: 'every comment on this article is held for review' } }
    : undefined;
