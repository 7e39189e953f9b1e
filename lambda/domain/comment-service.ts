/**
 * The use cases: submit, read, moderate. Pure orchestration over the store
 * port: no AWS, no HTTP. Handlers call these and map the results to HTTP.
 */
import { randomBytes } from 'node:crypto';
import {
  toModeratorComment,
  type Comment,
  type CommentStatus,
  type HistoryEntry,
  type ModeratorComment,
  type PublicComment,
} from './comment';
import type { CursorCodec } from './cursor';
import { normaliseEmail } from './email';
import { badRequest, commentsClosed, notFound, validationFailed, versionConflict } from './errors';
import { duplicateKeys, floodKeys } from './guards';
import type { KeyedHasher } from './keyed-hash';
import { decide, type AuthorRecord } from './policy';
import { commentsAreOpen, defaultArticle, expiryFor, type ArticleSettings, type SiteSettings } from './settings';
import { applyArticlePatch, applySettingsPatch, articlePatch, patchErrors, settingsPatch } from './settings-schema';
import { validateSubmission, type SubmissionInput } from './validation';
import { CommentIdTaken, type CommentStore } from '../ports/comment-store';

export interface ServiceDeps {
  store: CommentStore;
  /** Keys email hashes, duplicate and flood guards, idempotency ids (only the functions that need it get the key). */
  hasher?: KeyedHasher;
  /** Signs page cursors. */
  cursors?: CursorCodec;
  now?: () => Date;
  /**
   * How long submissions and moderation actions may use settings read
   * earlier (a change takes effect within this time). 0 reads them every
   * time; the settings routes always read and write them directly.
   */
  settingsCacheMs?: number;
}

export interface SubmitRequest {
  articleId: string;
  input: SubmissionInput;
  /** The client's address as API Gateway saw it; used only, keyed, for flood control. */
  clientIp: string | null;
  /** A retried request with the same key is stored once and answered the same. */
  idempotencyKey?: string | null;
}

export interface SubmitResult {
  created: boolean;
  body: { id: string; articleId: string; status: 'pending' | 'approved'; createdAt: string };
}

export const DEFAULT_PAGE_SIZE = 50;
const AUTHOR_WINDOW_LIMIT = 200;
const NO_HISTORY: AuthorRecord = { approved: 0, rejected: 0, spam: 0 };
export const MAX_PAGE_SIZE = 100;

export class CommentService {
  private readonly now: () => Date;
  private cachedSettings: { value: SiteSettings; until: number } | undefined;

  constructor(private readonly deps: ServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Settings for the rules, from the brief cache when it is fresh. */
  private async settings(): Promise<SiteSettings> {
    const now = this.now().getTime();
    if (this.cachedSettings && now < this.cachedSettings.until) return this.cachedSettings.value;
    const value = await this.deps.store.getSettings();
    this.remember(value);
    return value;
  }

  private remember(value: SiteSettings): void {
    const ttl = this.deps.settingsCacheMs ?? 0;
    this.cachedSettings = ttl > 0 ? { value, until: this.now().getTime() + ttl } : undefined;
  }

  async submit(request: SubmitRequest): Promise<SubmitResult> {
    const { store } = this.deps;
    const hasher = required(this.deps.hasher, 'hasher');
    const now = this.now();
    const [settings, storedArticle] = await Promise.all([this.settings(), store.getArticle(request.articleId)]);
    const article = storedArticle ?? defaultArticle(request.articleId);
    if (!commentsAreOpen(settings, article, now)) throw commentsClosed();

    const validation = validateSubmission(request.input);
    if (!validation.ok) throw validationFailed(validation.fields);
    const submission = validation.value;

    if (submission.parentId !== null) {
      const parent = await store.getComment(submission.parentId);
      if (!parent || parent.articleId !== request.articleId || parent.status !== 'approved') {
        throw validationFailed({ parentId: 'You can only reply to a published comment on this article.' });
      }
    }

    const emailHash = hasher.hash('email', normaliseEmail(submission.email));
    const author = settings.autoApprove.enabled ? await this.authorRecord(emailHash, settings.autoApprove.windowDays, now) : NO_HISTORY;
    const decision = await decide({ submission, settings, article, author });

    const id = request.idempotencyKey
      ? hasher
          .hash('idempotency', `${request.articleId}\u0000${request.idempotencyKey}`)
          .replace(/[^a-z0-9]/g, '')
          .slice(0, 24)
          .padEnd(16, '0')
      : newCommentId();
    const createdAt = now.toISOString();
    const comment: Comment = {
      id,
      articleId: request.articleId,
      parentId: submission.parentId,
      author: submission.author,
      url: submission.url,
      comment: submission.comment,
      status: decision.status,
      createdAt,
      updatedAt: createdAt,
      version: 1,
      reasons: decision.reasons,
    };
    const guardKeys = duplicateKeys(hasher, { articleId: request.articleId, ...submission }, emailHash, submission.author);
    const primary = decision.reasons[0];

    try {
      await store.insertComment({
        comment,
        contact: { commentId: id, email: submission.email, emailHash, guardKeys },
        history: {
          at: createdAt,
          actor: 'system',
          from: null,
          to: decision.status,
          reason: primary?.message ?? null,
          rule: primary?.rule ?? null,
        },
        // Refused posts take no lock: the whole write is one transaction.
        floodKeys: settings.floodSeconds > 0 ? floodKeys(hasher, emailHash, request.clientIp) : [],
        floodMs: settings.floodSeconds * 1000,
        expiresAt: expiryFor(decision.status, settings.retention, now),
        firstCommentOfArticle: article.firstCommentAt === null,
      });
    } catch (error) {
      if (!(error instanceof CommentIdTaken)) throw error;
      // The same Idempotency-Key again: answer as the first time.
      const stored = await store.getComment(id);
      if (!stored) throw error;
      return submitResult(stored);
    }
    return submitResult(comment);
  }

  async listPublished(
    articleId: string,
    query: { limit?: string; cursor?: string },
  ): Promise<{ comments: PublicComment[]; nextCursor: string | null }> {
    const limit = parseLimit(query.limit);
    const scope = `published:${articleId}`;
    const after = this.decodeCursor(scope, query.cursor);
    const page = await this.deps.store.listPublished(articleId, limit, after);
    return { comments: page.items, nextCursor: page.last ? required(this.deps.cursors, 'cursors').encode(scope, page.last) : null };
  }

  async listForModeration(query: {
    status?: string;
    limit?: string;
    cursor?: string;
    articleId?: string;
  }): Promise<{ comments: ModeratorComment[]; nextCursor: string | null }> {
    const status = parseStatus(query.status);
    const limit = parseLimit(query.limit);
    const articleId = query.articleId || undefined;
    const scope = `status:${status}:${articleId ?? '*'}`;
    const after = this.decodeCursor(scope, query.cursor);
    const page = await this.deps.store.listByStatus({ status, articleId, limit, after, newestFirst: status !== 'pending' });
    return { comments: page.items, nextCursor: page.last ? required(this.deps.cursors, 'cursors').encode(scope, page.last) : null };
  }

  async getForModeration(id: string): Promise<ModeratorComment> {
    const [comment, contact] = await Promise.all([this.deps.store.getComment(id), this.deps.store.getContact(id)]);
    if (!comment) throw notFound();
    return toModeratorComment(comment, contact);
  }

  /** approve / reject / spam. A repeat of the current status is a no-op; a stale expectedVersion is 409 first. */
  async moderate(
    id: string,
    to: CommentStatus,
    options: { actor: string; expectedVersion?: number; reason?: string | null },
  ): Promise<ModeratorComment> {
    // Settings (for the retention expiry) are read alongside, not after, the comment.
    const [{ comment, contact }, settings] = await Promise.all([this.loadForChange(id, options.expectedVersion), this.settings()]);
    if (comment.status === to) return toModeratorComment(comment, contact);
    const now = this.now();
    const updated = await this.deps.store.changeStatus({
      comment,
      contact,
      to,
      at: now.toISOString(),
      actor: options.actor,
      reason: options.reason ?? null,
      expiresAt: expiryFor(to, settings.retention, now),
    });
    return toModeratorComment(updated, contact);
  }

  async delete(id: string, options: { actor: string; expectedVersion?: number }): Promise<void> {
    const { comment, contact } = await this.loadForChange(id, options.expectedVersion);
    await this.deps.store.deleteComment({ comment, contact, at: this.now().toISOString(), actor: options.actor });
  }

  /** The comment a moderator acts on, with its private data; 404 when unknown, 409 when expectedVersion is stale (checked first). */
  private async loadForChange(id: string, expectedVersion: number | undefined) {
    const [comment, contact] = await Promise.all([this.deps.store.getComment(id), this.deps.store.getContact(id)]);
    if (!comment) throw notFound();
    if (expectedVersion !== undefined && expectedVersion !== comment.version) throw versionConflict(comment.version);
    return { comment, contact };
  }

  async history(id: string): Promise<{ history: HistoryEntry[] }> {
    const history = await this.deps.store.getHistory(id);
    if (history.length === 0) throw notFound();
    return { history };
  }

  async getSettings(): Promise<SiteSettings> {
    return this.deps.store.getSettings();
  }

  /** Partial update; `version` in the patch makes it conditional (409 when stale). */
  async updateSettings(body: unknown): Promise<SiteSettings> {
    const parsed = settingsPatch.safeParse(body);
    if (!parsed.success) throw validationFailed(patchErrors(parsed.error));
    const current = await this.deps.store.getSettings();
    if (parsed.data.version !== undefined && parsed.data.version !== current.version) throw versionConflict(current.version);
    const next = applySettingsPatch(current, parsed.data);
    await this.deps.store.putSettings(next, current.version);
    this.remember(next);
    return next;
  }

  async getArticle(articleId: string): Promise<ArticleView> {
    return articleView((await this.deps.store.getArticle(articleId)) ?? defaultArticle(articleId));
  }

  async updateArticle(articleId: string, body: unknown): Promise<ArticleView> {
    const parsed = articlePatch.safeParse(body);
    if (!parsed.success) throw validationFailed(patchErrors(parsed.error));
    if (parsed.data.articleId !== undefined && parsed.data.articleId !== articleId) {
      throw validationFailed({ articleId: 'articleId must be the article in the path (or left out).' });
    }
    const next = applyArticlePatch((await this.deps.store.getArticle(articleId)) ?? defaultArticle(articleId), parsed.data);
    await this.deps.store.putArticle(next);
    return articleView(next);
  }

  /**
   * What auto-approve knows of an email: the lifetime counts kept with every
   * status change, or with a window, the statuses of that email's comments of
   * the last windowDays (one Query of the email index + one BatchGetItem, at
   * most AUTHOR_WINDOW_LIMIT comments: enough to decide, bounded per post).
   */
  private async authorRecord(emailHash: string, windowDays: number | null, now: Date): Promise<AuthorRecord> {
    const { store } = this.deps;
    if (windowDays === null) return store.getAuthorRecord(emailHash);
    const since = new Date(now.getTime() - windowDays * 86_400_000).toISOString();
    const recent = await store.listContactsByEmailHash(emailHash, AUTHOR_WINDOW_LIMIT, undefined, since);
    if (recent.items.length === 0) return NO_HISTORY;
    const comments = await store.getComments(recent.items.map((ref) => ref.contact.commentId));
    const record = { ...NO_HISTORY };
    for (const comment of comments.values()) if (comment.status !== 'pending') record[comment.status] += 1;
    return record;
  }

  private decodeCursor(scope: string, cursor: string | undefined): string | undefined {
    if (cursor === undefined || cursor === '') return undefined;
    const position = required(this.deps.cursors, 'cursors').decode(scope, cursor);
    if (position === null) throw badRequest('The cursor is not valid for this list. Start again without it.');
    return position;
  }
}

export type ArticleView = Omit<ArticleSettings, 'firstCommentAt'>;
const articleView = ({ firstCommentAt: _first, ...view }: ArticleSettings): ArticleView => view;

const submitResult = (c: Comment): SubmitResult => ({
  created: c.status === 'approved',
  // A comment the policy marked as spam is answered like any held comment: bots learn nothing.
  body: { id: c.id, articleId: c.articleId, status: c.status === 'approved' ? 'approved' : 'pending', createdAt: c.createdAt },
});

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`this function was not configured with ${name}`);
  return value;
}

export const newCommentId = (): string => randomBytes(10).toString('hex');

function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PAGE_SIZE;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PAGE_SIZE) {
    throw badRequest(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return Number(raw);
}

function parseStatus(raw: string | undefined): CommentStatus {
  const status = raw === undefined || raw === '' ? 'pending' : raw;
  if (status === 'pending' || status === 'approved' || status === 'rejected' || status === 'spam') return status;
  throw badRequest('status must be one of pending, approved, rejected, spam.');
}
