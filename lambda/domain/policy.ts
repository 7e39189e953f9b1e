/**
 * The moderation policy: decides the status of a new comment and records
 * which rule decided and why. Pure: everything it needs is passed in.
 */
import type { CommentStatus, Reason } from './comment';
import type { ArticleSettings, SiteSettings } from './settings';
import type { ValidSubmission } from './validation';

export interface AuthorRecord {
  approved: number;
  rejected: number;
  spam: number;
}

export interface PolicyInput {
  submission: ValidSubmission;
  settings: SiteSettings;
  article: ArticleSettings;
  author: AuthorRecord;
}

export interface Decision {
  status: Extract<CommentStatus, 'pending' | 'approved' | 'spam'>;
  reasons: Reason[];
}

export function decide({ submission, settings, article }: PolicyInput): Decision {
  if (submission.honeypot) return { status: 'spam', reasons: [{ rule: 'honeypot', message: 'hidden field filled in' }] };
  const premoderation = article.premoderation ?? settings.premoderation;
  if (premoderation) return { status: 'pending', reasons: [{ rule: 'premoderation', message: 'every comment is held for review' }] };
  return { status: 'approved', reasons: [{ rule: 'open', message: 'no rule held it' }] };
}
