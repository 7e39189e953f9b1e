/**
 * The field rules of a reader's submission, with WordPress's limits (bytes,
 * not characters) and per-field messages. Pure and dependency-free (no zod,
 * no Buffer): the API enforces them (validation.ts) and the comment form in
 * the browser checks the very same rules before sending, so the two cannot
 * drift.
 */
import { isEmail } from './email';
import { withoutInvisible } from './text-patterns';

export const LIMITS = {
  comment: 65_525,
  author: 245,
  email: 100,
  url: 200,
  /** Whole request body, in bytes (413 above it). */
  body: 70 * 1024,
} as const;

export const COMMENT_ID_PATTERN = /^[a-z0-9]{16,40}$/;
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** The text fields of a submission as received; null and missing mean empty. */
export interface SubmissionFields {
  comment?: string | null;
  author?: string | null;
  email?: string | null;
  url?: string | null;
  parentId?: string | null;
  comment_parent?: string | null;
  /** Honeypot: hidden in the form, only bots fill it. */
  website_confirm?: string | null;
}

export interface ValidSubmission {
  comment: string;
  author: string;
  email: string;
  url: string | null;
  parentId: string | null;
  honeypot: boolean;
}

export type SubmissionCheck = { ok: true; value: ValidSubmission } | { ok: false; fields: Record<string, string> };

const encoder = new TextEncoder();
/** UTF-8 length; a lone surrogate counts 3 bytes, as Buffer.byteLength counts it. */
export const utf8Bytes = (s: string): number => encoder.encode(s).length;
const formatNumber = (n: number) => n.toLocaleString('en-US');

// Controls other than tab and newline; C1 controls too.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// Controls plus the newline: single-line fields.
const LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// Bidirectional overrides and isolates: used to disguise names and links.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// A surrogate without its partner (String.prototype.isWellFormed, for browsers older than 2023).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a piece of text cannot be stored at all, or null when it can. */
function unstorable(value: string, singleLine: boolean): string | null {
  if (LONE_SURROGATE.test(value)) return 'contains text that is not valid Unicode.';
  if ((singleLine ? LINE_CONTROL : CONTROL).test(value)) return 'contains control characters.';
  if (singleLine && BIDI_CONTROL.test(value)) return 'contains invisible direction-changing characters.';
  return null;
}

/**
 * WordPress strips tags from the author's name. Removing a tag can put a
 * left-over `<` before a letter (`<<b>i` leaves `<i`), so such `<`s go too:
 * no tag start is left, and stripping again changes nothing.
 */
const stripTags = (s: string) => s.replace(/<\/?[a-zA-Z!][^>]*>?/g, '').replace(/<+(?=\/?[a-zA-Z!])/g, '');

/** Textareas post CRLF; store LF. */
const normaliseNewlines = (s: string) => s.replace(/\r\n?/g, '\n');

/** Checks every field and reports every failing one at once. */
export function validateSubmission(input: SubmissionFields): SubmissionCheck {
  const fields: Record<string, string> = {};

  const comment = normaliseNewlines(input.comment ?? '').trim();
  const commentProblem = unstorable(comment, false);
  if (commentProblem) fields.comment = `Your comment ${commentProblem}`;
  else if (withoutInvisible(comment).trim() === '') fields.comment = 'Please type your comment.';
  else if (utf8Bytes(comment) > LIMITS.comment)
    fields.comment = `Your comment is too long (at most ${formatNumber(LIMITS.comment)} bytes; it has ${formatNumber(utf8Bytes(comment))}).`;

  const author = stripTags(input.author ?? '').trim();
  const authorProblem = unstorable(author, true);
  if (authorProblem) fields.author = `Your name ${authorProblem}`;
  else if (withoutInvisible(author).trim() === '') fields.author = 'Please enter your name.';
  else if (utf8Bytes(author) > LIMITS.author) fields.author = `Your name is too long (at most ${LIMITS.author} bytes).`;

  const email = (input.email ?? '').trim();
  const emailProblem = unstorable(email, true);
  if (emailProblem) fields.email = `Your email address ${emailProblem}`;
  else if (email === '') fields.email = 'Please enter your email address.';
  else if (utf8Bytes(email) > LIMITS.email) fields.email = `Your email address is too long (at most ${LIMITS.email} bytes).`;
  else if (!isEmail(email)) fields.email = 'Please enter a valid email address.';

  const url = (input.url ?? '').trim();
  const urlProblem = unstorable(url, true);
  if (urlProblem) fields.url = `Your website ${urlProblem}`;
  else if (url !== '') {
    if (utf8Bytes(url) > LIMITS.url) fields.url = `Your website address is too long (at most ${LIMITS.url} bytes).`;
    else if (!isHttpUrl(url)) fields.url = 'Your website must be an address starting with http:// or https://.';
  }

  const rawParent = (input.parentId ?? input.comment_parent ?? '').trim();
  const parentId = rawParent === '' || rawParent === '0' ? null : rawParent;
  if (parentId !== null && !COMMENT_ID_PATTERN.test(parentId)) fields.parentId = 'The comment you are replying to does not exist.';

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    value: { comment, author, email, url: url === '' ? null : url, parentId, honeypot: (input.website_confirm ?? '').trim() !== '' },
  };
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}
