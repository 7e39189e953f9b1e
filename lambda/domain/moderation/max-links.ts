/** maxLinks or more links in the text hold the comment (0 turns the rule off; the website field is not counted). */
import { countLinks } from '../links';
import { type Phase, plural } from './phase';

export const maxLinks: Phase = ({ submission, settings }) => {
  if (settings.maxLinks <= 0) return undefined;
  const links = countLinks(submission.comment);
  if (links < settings.maxLinks) return undefined;
  return { hold: { rule: 'maxLinks', message: `${plural(links, 'link')}, limit ${settings.maxLinks}` } };
};
