/**
 * One source comment as the comment this service stores, checked with the
 * service's own rules (the submission rules' limits, article ids, URLs).
 * Pure. What a reader typed but the service would refuse is reported, not
 * stored; what can be stored with a small loss (an unusable website or
 * email) is stored and the loss is noted in the summary.
 */
import { createHash } from 'node:crypto';
import { isEmail } from '../../lambda/domain/email';
import type { ImportedComment, SourceName } from '../../lambda/domain/imported-comment';
import { ARTICLE_ID_PATTERN, LIMITS, utf8Bytes, validateSubmission } from '../../lambda/domain/submission-rules';
import { decodeEntities, htmlToText } from './html-text';
import { cleanLine, cleanText } from './invisible-characters';
import type { SkipReason, SourceComment } from './source-comment';

export type Conversion =
  | { kind: 'comment'; comment: ImportedComment; notes: string[] }
  /** `id`: what the comment's id would be (a re-import applies a later deletion to it); `text`: a trashed comment's, for the triage to learn from. */
  | { kind: 'skip'; reason: SkipReason; id: string; text?: string }
  | { kind: 'bad'; problem: string };

/** Same site and source id, same comment id: what makes a second import store nothing new. */
export function importedCommentId(source: SourceName, site: string, sourceId: string): string {
  return createHash('sha256').update(`${source}\u0000${site}\u0000${sourceId}`).digest('hex').slice(0, 32);
}

const ANONYMOUS = 'Anonymous';
const ARTICLE_ID_HINT = 'give its article an id with --article-id-map, or try another --article-id-from';
// A placeholder that passes the email rule, so the other fields get the submission rules' own messages.
const CHECKED_APART = 'placeholder@example.com';

export function convert(source: SourceComment): Conversion {
  if (typeof source.status === 'object') {
    const reason = source.status.skip;
    const id = importedCommentId(source.source, source.site, source.sourceId);
    return reason === 'trash' ? { kind: 'skip', reason, id, text: htmlToText(source.html) } : { kind: 'skip', reason, id };
  }
  const problems: string[] = [];
  const notes = [...source.notes];

  const articleId = source.articleId;
  if (articleId === null) problems.push(`its article has no id to import it under (${ARTICLE_ID_HINT})`);
  else if (!ARTICLE_ID_PATTERN.test(articleId))
    problems.push(`article id "${articleId.slice(0, 60)}" is not 1–128 of A-Z a-z 0-9 - _ . (${ARTICLE_ID_HINT})`);
  if (source.createdAt === null) problems.push('it has no valid date');

  // Names are stored by WordPress with HTML characters escaped ("Ivan &amp; Co"), even inside CDATA.
  const name = cleanLine(decodeEntities(source.author), 'name');
  notes.push(...name.notes);
  let author = name.text.trim();
  if (author === '') {
    author = ANONYMOUS;
    notes.push(`no name: imported as "${ANONYMOUS}"`);
  }
  const emailText = decodeEntities(source.email).trim();
  const email = emailText !== '' && utf8Bytes(emailText) <= LIMITS.email && isEmail(emailText) ? emailText : null;
  if (email === null) notes.push(emailText === '' ? 'no email address' : 'email address not valid: left out');

  const body = cleanText(htmlToText(source.html), 'comment');
  notes.push(...body.notes);
  const text = body.text;
  const rules = validateSubmission({ comment: text, author, email: CHECKED_APART, url: '' });
  if (!rules.ok) {
    const { comment: commentProblem, ...others } = rules.fields;
    // The submission rules speak to a reader ("Please type your comment."); here an empty one is a fact about the file.
    if (commentProblem) problems.push(text.trim() === '' ? 'the comment is empty' : `comment: ${commentProblem}`);
    problems.push(...Object.entries(others).map(([field, message]) => `${field}: ${message}`));
  }
  const url = websiteOf(decodeEntities(source.url).trim(), notes);

  if (problems.length > 0 || !rules.ok || articleId === null || source.createdAt === null)
    return { kind: 'bad', problem: problems.join('; ') };
  return {
    kind: 'comment',
    notes,
    comment: {
      id: importedCommentId(source.source, source.site, source.sourceId),
      parentId: source.parentSourceId === null ? null : importedCommentId(source.source, source.site, source.parentSourceId),
      articleId,
      author: rules.value.author,
      email,
      url,
      comment: rules.value.comment,
      status: source.status,
      createdAt: source.createdAt,
      source: source.source,
      sourceId: source.sourceId,
    },
  };
}

/** The website if the service would accept it (http/https, at most 200 bytes); otherwise left out with a note. */
function websiteOf(url: string, notes: string[]): string | null {
  if (url === '' || url === 'http://' || url === 'https://') return null;
  const check = validateSubmission({ comment: 'x', author: 'x', email: CHECKED_APART, url });
  if (check.ok) return check.value.url;
  notes.push('website not an http(s) address of at most 200 bytes: left out');
  return null;
}
