/**
 * The moderators' notification: one digest per batch of new pending
 * comments, so a flood sends one message rather than a thousand. It names
 * articles, ids, authors' display names and short excerpts; never an email
 * address (the comments table holds none, and anything shaped like one in a
 * name or a text is masked as well).
 */
import type { Reason } from './comment';
import { maskEmailLike } from './text-patterns';

export interface PendingComment {
  id: string;
  articleId: string;
  author: string;
  comment: string;
  reasons: Reason[];
}

export interface Digest {
  /** At most 100 characters (SNS's limit for email subjects). */
  subject: string;
  message: string;
  commentIds: string[];
}

export const DIGEST_SAMPLE_SIZE = 5;
const EXCERPT_LENGTH = 140;

export const maskEmails = (text: string): string => maskEmailLike(text, '[email hidden]');

function excerpt(text: string): string {
  const flat = maskEmails(text).replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= EXCERPT_LENGTH ? flat : `${chars.slice(0, EXCERPT_LENGTH - 1).join('')}…`;
}

const plural = (n: number, noun: string) => `${n} new ${noun}${n === 1 ? '' : 's'}`;

/** Null when there is nothing to tell. */
export function buildDigest(comments: readonly PendingComment[], consoleUrl?: string): Digest | null {
  if (comments.length === 0) return null;
  const perArticle = new Map<string, number>();
  for (const c of comments) perArticle.set(c.articleId, (perArticle.get(c.articleId) ?? 0) + 1);

  const headline = `${plural(comments.length, 'comment')} awaiting moderation`;
  const lines = [`${headline}.`, '', 'By article:'];
  for (const [articleId, count] of [...perArticle].sort((a, b) => b[1] - a[1])) lines.push(`  ${articleId}: ${count}`);
  lines.push('', comments.length > DIGEST_SAMPLE_SIZE ? `The first ${DIGEST_SAMPLE_SIZE}:` : 'The comments:');
  for (const c of comments.slice(0, DIGEST_SAMPLE_SIZE)) {
    const why = c.reasons[0] ? ` (held: ${c.reasons[0].message})` : '';
    lines.push(`  - ${c.id} on ${c.articleId} by ${maskEmails(c.author)}${why}`, `    "${excerpt(c.comment)}"`);
  }
  lines.push('', consoleUrl ? `Review them: ${consoleUrl}` : "Review them in the moderators' console.");

  const subject = `[Comments] ${headline}`.slice(0, 100);
  return { subject, message: lines.join('\n'), commentIds: comments.map((c) => c.id) };
}
