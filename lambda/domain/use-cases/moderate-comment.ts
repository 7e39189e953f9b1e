/** A moderator's view of one comment and the actions on it: approve / reject / spam, delete, history. */
import type { CommentStore } from '../../ports/comment-store';
import { type CommentStatus, type HistoryEntry, type ModeratorComment, toModeratorComment } from '../comment';
import { notFound, versionConflict } from '../errors';
import { expiryFor } from '../settings';
import type { SettingsCache } from './deps';

export class ModerateComment {
  constructor(
    private readonly store: CommentStore,
    private readonly settings: SettingsCache,
    private readonly now: () => Date,
  ) {}

  async getForModeration(id: string): Promise<ModeratorComment> {
    const [comment, contact] = await Promise.all([this.store.getComment(id), this.store.getContact(id)]);
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
    const [{ comment, contact }, settings] = await Promise.all([this.loadForChange(id, options.expectedVersion), this.settings.current()]);
    if (comment.status === to) return toModeratorComment(comment, contact);
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
    return toModeratorComment(updated, contact);
  }

  async delete(id: string, options: { actor: string; expectedVersion?: number }): Promise<void> {
    const { comment, contact } = await this.loadForChange(id, options.expectedVersion);
    await this.store.deleteComment({ comment, contact, at: this.now().toISOString(), actor: options.actor });
  }

  async history(id: string): Promise<{ history: HistoryEntry[] }> {
    const history = await this.store.getHistory(id);
    if (history.length === 0) throw notFound();
    return { history };
  }

  /** The comment a moderator acts on, with its private data; 404 when unknown, 409 when expectedVersion is stale (checked first). */
  private async loadForChange(id: string, expectedVersion: number | undefined) {
    const [comment, contact] = await Promise.all([this.store.getComment(id), this.store.getContact(id)]);
    if (!comment) throw notFound();
    if (expectedVersion !== undefined && expectedVersion !== comment.version) throw versionConflict(comment.version);
    return { comment, contact };
  }
}
