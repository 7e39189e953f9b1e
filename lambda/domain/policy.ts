/**
 * The moderation policy: decides the status of a new comment and records
 * which rule decided and why. Pure: everything it needs is passed in.
 *
 * Fixed order (flood, duplicate and closed articles are refused before the
 * policy runs; see CommentService.submit):
 *  1. honeypot filled            -> spam (answered like any held comment)
 *  2. a disallowed word          -> spam (answered like any held comment)
 *  3. hold rules, all reported:  links >= maxLinks; a moderation word
 *  4. article pre-moderation explicitly on -> pending
 *  5. auto-approve (a known good email)     -> approved
 *  6. site pre-moderation on     -> pending
 *  7. otherwise                  -> approved
 */
import type { CommentStatus, Reason } from './comment';
import { countLinks } from './links';
import type { ArticleSettings, SiteSettings } from './settings';
import type { ValidSubmission } from './validation';
import { wordMatcher } from './words';

/** How many of an email's stored comments are in each decided status (pending is not counted). */
export interface AuthorRecord {
  approved: number;
  rejected: number;
  spam: number;
}

export interface PolicyInput {
  submission: Pick<ValidSubmission, 'comment' | 'author' | 'url' | 'honeypot'>;
  settings: Pick<SiteSettings, 'premoderation' | 'maxLinks' | 'moderationWords' | 'disallowedWords'> & {
    /** The window only shapes the message: the caller counts `author` within it. */
    autoApprove: Pick<SiteSettings['autoApprove'], 'enabled' | 'minApproved'> & { windowDays?: number | null };
  };
  article: Pick<ArticleSettings, 'premoderation'>;
  author: AuthorRecord;
}

export interface Decision {
  status: Extract<CommentStatus, 'pending' | 'approved' | 'spam'>;
  /** The first reason is the one that decided; later ones also held the comment. */
  reasons: Reason[];
}

export function decide({ submission, settings, article, author }: PolicyInput): Decision {
  if (submission.honeypot) return { status: 'spam', reasons: [{ rule: 'honeypot', message: 'the hidden field was filled in' }] };

  const disallowed = findWord(settings.disallowedWords, submission);
  if (disallowed) return { status: 'spam', reasons: [{ rule: 'disallowedWords', message: `disallowed word ${disallowed}` }] };

  const holds = holdReasons(submission, settings);
  if (holds.length > 0) return { status: 'pending', reasons: holds };

  if (article.premoderation === true) {
    return { status: 'pending', reasons: [{ rule: 'premoderation', message: 'every comment on this article is held for review' }] };
  }
  if (settings.autoApprove.enabled && isKnownGood(author, settings.autoApprove.minApproved)) {
    const window = settings.autoApprove.windowDays ? ` in the last ${plural(settings.autoApprove.windowDays, 'day')}` : '';
    const message = `the author has ${plural(author.approved, 'approved comment')} and none rejected or spam${window}`;
    return { status: 'approved', reasons: [{ rule: 'autoApprove', message }] };
  }
  if (article.premoderation ?? settings.premoderation) {
    return { status: 'pending', reasons: [{ rule: 'premoderation', message: 'every comment is held for review' }] };
  }
  return { status: 'approved', reasons: [{ rule: 'premoderation', message: 'pre-moderation is off and no rule held it' }] };
}

function holdReasons(submission: PolicyInput['submission'], settings: PolicyInput['settings']): Reason[] {
  const reasons: Reason[] = [];
  if (settings.maxLinks > 0) {
    const links = countLinks(submission.comment);
    if (links >= settings.maxLinks) reasons.push({ rule: 'maxLinks', message: `${plural(links, 'link')}, limit ${settings.maxLinks}` });
  }
  const word = findWord(settings.moderationWords, submission);
  if (word) reasons.push({ rule: 'moderationWords', message: `moderation word ${word}` });
  return reasons;
}

/** `"casino" in the text` for the first listed word found in the text, name or website. */
function findWord(list: readonly string[], submission: PolicyInput['submission']): string | null {
  if (list.length === 0) return null;
  const matcher = wordMatcher(list);
  const fields: Array<[string, string | null]> = [
    ['the text', submission.comment],
    ['the name', submission.author],
    ['the website', submission.url],
  ];
  for (const [where, value] of fields) {
    const entry = value ? matcher.find(value) : null;
    if (entry) return `"${entry}" in ${where}`;
  }
  return null;
}

const isKnownGood = (author: AuthorRecord, minApproved: number) =>
  author.approved >= minApproved && author.rejected === 0 && author.spam === 0;

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
