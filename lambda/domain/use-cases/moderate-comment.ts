/** A moderator's view of one comment and the actions on it: approve / reject / spam, delete, history. */
import type { AuthorStore } from '../ports/author-store';
import type { CommentReads } from '../ports/comment-reads';
import type { ModerationStore } from '../ports/moderation-store';
import type { ModerationAction, ModerationMetrics } from '../ports/moderation-metrics';
import { type Comment, type CommentStatus, type Contact, type HistoryEntry, type ModeratorComment, toModeratorComment } from '../comment';
import { notFound, versionConflict } from '../errors';
import { expiryFor } from '../settings';
import type { SettingsCache } from './deps';

export class ModerateComment {
  constructor(
    private readonly store: CommentReads & ModerationStore & Pick<AuthorStore, 'getAuthorRecord'>,
    private readonly settings: SettingsCache,
    private readonly now: () => Date,
    private readonly metrics: ModerationMetrics,
  ) {}

  async getForModeration(id: string): Promise<ModeratorComment> {
    const [comment, contact] = await Promise.all([this.store.getComment(id), this.store.getContact(id)]);
    if (!comment) throw notFound();
    return this.view(comment, contact);
  }

  /** approve / reject / spam. A repeat of the current status is a no-op; a stale expectedVersion is 409 first. */
  async moderate(
    id: string,
    to: CommentStatus,
    options: { actor: string; expectedVersion?: number; reason?: string | null },
  ): Promise<ModeratorComment> {
    // Settings (for the retention expiry) are read alongside, not after, the comment.
    const [{ comment, contact }, settings] = await Promise.all([this.loadForChange(id, options.expectedVersion), this.settings.current()]);
    if (comment.status === to) return this.view(comment, contact);
    const now = this.now();
    const updated = await this.store.changeStatus({
      comment,
      contact,
      to,
      at: now.toISOString(),
      actor: options.actor,
      reason: options.reason ?? null,
      expiresAt: expiryFor(to, settings.retention, now),
    });
    const action = ACTION_FOR[to];
    if (action) this.recordDecision(action, comment, now);
    return this.view(updated, contact);
  }

  async delete(id: string, options: { actor: string; expectedVersion?: number }): Promise<void> {
    const { comment, contact } = await this.loadForChange(id, options.expectedVersion);
    const now = this.now();
    await this.store.deleteComment({ comment, contact, at: now.toISOString(), actor: options.actor });
    this.recordDecision('delete', comment, now);
  }

  async history(id: string): Promise<{ history: HistoryEntry[] }> {
    const history = await this.store.getHistory(id);
    if (history.length === 0) throw notFound();
    return { history };
  }

  /** The moderator's view: with the author's record, read after any change so it counts it. */
  private async view(comment: Comment, contact: Contact | undefined): Promise<ModeratorComment> {
    const record = contact ? await this.store.getAuthorRecord(contact.emailHash) : undefined;
    return toModeratorComment(comment, contact, record);
  }

  /** Time to decision counts only a comment leaving the queue: later changes of mind are not waits. */
  private recordDecision(action: ModerationAction, before: Comment, now: Date): void {
    const waited = before.status === 'pending' ? Math.max(0, (now.getTime() - Date.parse(before.createdAt)) / 1000) : null;
    this.metrics.decisionMade(action, waited);
  }

  /** The comment a moderator acts on, with its private data; 404 when unknown, 409 when expectedVersion is stale (checked first). */
  private async loadForChange(id: string, expectedVersion: number | undefined) {
    const [comment, contact] = await Promise.all([this.store.getComment(id), this.store.getContact(id)]);
    if (!comment) throw notFound();
    if (expectedVersion !== undefined && expectedVersion !== comment.version) throw versionConflict(comment.version);
    return { comment, contact };
  }
}

/** A move back to pending is no decision. */
const ACTION_FOR: Partial<Record<CommentStatus, ModerationAction>> = { approved: 'approve', rejected: 'reject', spam: 'spam' };
