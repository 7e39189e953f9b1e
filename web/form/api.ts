/** The public comment API, as the form uses it (docs/api.md). */
import type { PublicComment } from '../../lambda/domain/comment';

/** A comment as the public list returns it: the server's own type, so the two cannot drift. */
export type PublishedComment = PublicComment;

export interface CommentPage {
  comments: PublishedComment[];
  nextCursor: string | null;
  /** False once the article is closed (by hand or closeAfterDays); absent from older servers, which means open. */
  commentsOpen?: boolean;
  /** Present where the deployment can send mail: the form offers reply notifications. */
  replyNotifications?: true;
}

export interface Submission {
  comment: string;
  author: string;
  email: string;
  url: string;
  parentId: string | null;
  website_confirm: string;
  /** "yes" when the reader ticked "Notify me of follow-up comments by email". */
  notify_replies?: 'yes';
}

export type SubmitOutcome =
  | { kind: 'stored'; status: 'pending' | 'approved'; id: string; createdAt: string }
  | { kind: 'invalid'; message: string; fields: Record<string, string> }
  | { kind: 'refused'; status: number; message: string; retryAfterSeconds: number | null }
  | { kind: 'failed' };

export class CommentApi {
  constructor(
    private readonly apiUrl: string,
    private readonly articleId: string,
    private readonly pageSize = 50,
    /** Where comments are read: the edge cache deployed (ReadUrl); posts always go to apiUrl, so the reader's own address reaches flood control. */
    private readonly readUrl = apiUrl,
  ) {}

  private get readBase(): string {
    return this.readUrl.replace(/\/+$/, '');
  }

  /** Where comments are listed and posted (also the plain form's action). */
  get commentsUrl(): string {
    return `${this.apiUrl.replace(/\/+$/, '')}/articles/${encodeURIComponent(this.articleId)}/comments`;
  }

  async listPublished(cursor: string | null): Promise<CommentPage> {
    const query = new URLSearchParams({ limit: String(this.pageSize) });
    if (cursor) query.set('cursor', cursor);
    // no-cache: the browser asks every time (with If-None-Match) instead of using its own copy under
    // stale-while-revalidate, which is meant for the edge; the edge still answers from its cache.
    const response = await fetch(`${this.readBase}/articles/${encodeURIComponent(this.articleId)}/comments?${query}`, {
      headers: { Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-cache',
    });
    if (!response.ok) throw new Error(`Comments could not be loaded (${response.status}).`);
    return (await response.json()) as CommentPage;
  }

  /** `idempotencyKey` stays the same when the reader retries after a network failure, so the comment is stored once. */
  async submit(submission: Submission, idempotencyKey: string): Promise<SubmitOutcome> {
    let response: Response;
    let body: { id?: string; status?: string; createdAt?: string; message?: string; fields?: Record<string, string> } = {};
    try {
      response = await fetch(this.commentsUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(submission),
        credentials: 'omit',
      });
      body = await response.json().catch(() => ({}));
    } catch {
      return { kind: 'failed' };
    }
    if ((response.status === 201 || response.status === 202) && body.id) {
      return {
        kind: 'stored',
        status: response.status === 201 ? 'approved' : 'pending',
        id: body.id,
        createdAt: body.createdAt ?? new Date().toISOString(),
      };
    }
    if (response.status === 422)
      return { kind: 'invalid', message: body.message ?? 'Please correct the highlighted fields.', fields: body.fields ?? {} };
    if (response.status >= 500 && response.status !== 503) return { kind: 'failed' };
    const retryAfter = Number(response.headers.get('Retry-After'));
    return {
      kind: 'refused',
      status: response.status,
      message: body.message ?? 'Your comment could not be posted.',
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : null,
    };
  }
}

/** Sends a reader's report; a repeat by the same reader is answered the same (202). */
export async function sendReport(
  commentsUrl: string,
  commentId: string,
  reason: string,
  note: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const response = await fetch(`${commentsUrl}/${encodeURIComponent(commentId)}/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(note ? { reason, note } : { reason }),
      credentials: 'omit',
    });
    if (response.status === 202) return { ok: true };
    const body = (await response.json().catch(() => ({}))) as { message?: string; fields?: Record<string, string> };
    const message = body.fields ? Object.values(body.fields).join(' ') : body.message;
    return { ok: false, message: message ?? 'The report could not be sent. Please try again.' };
  } catch {
    return { ok: false, message: 'The report could not be sent. Check your connection and try again.' };
  }
}

/** A random key for the Idempotency-Key header (works on plain-http pages too, unlike randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
