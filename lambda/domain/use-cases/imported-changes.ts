/**
 * A comment imported before, met again: the source wins as long as nobody
 * here acted on it. A status changed there (approved, marked spam, trashed,
 * deleted) is applied here; an article id changed (another
 * --article-id-from or map) moves the comment; once a moderator here has
 * acted, this service's decision stands. A taken id whose stored comment has
 * another text is a different comment: reported, never merged.
 */
import type { CommentReads } from '../ports/comment-reads';
import type { ModerationStore } from '../ports/moderation-store';
import type { Comment, CommentStatus } from '../comment';
import { IMPORT_ACTOR, IMPORT_RULE, type ImportedComment, type ImportOutcome, SOURCE_LABEL, type SourceName } from '../imported-comment';
import { expiryFor, type SiteSettings } from '../settings';
import { withRetries } from './store-retries';

/** What applying the source's later changes reads and writes. */
export type SourceChangesStore = Pick<CommentReads, 'getComment' | 'getContact' | 'getHistory'> & ModerationStore;

export class SourceChanges {
  constructor(
    private readonly store: SourceChangesStore,
    private readonly options: { dryRun: boolean; now: () => Date; settings: () => Promise<SiteSettings> },
  ) {}

  /** A taken id: the same comment (its status or article changed at the source since), or another one. `storeAgain` stores it anew. */
  async reconcile(stored: Comment, imported: ImportedComment, storeAgain?: () => Promise<ImportOutcome>): Promise<ImportOutcome> {
    if (stored.comment !== imported.comment) {
      return { kind: 'conflict', problem: `its id is taken by a different comment (on "${stored.articleId}"): not imported` };
    }
    if (stored.articleId !== imported.articleId) return this.move(stored, imported, storeAgain);
    if (stored.status === imported.status) return { kind: 'already imported' };
    return this.changeTo(stored, imported.status, `changed at ${SOURCE_LABEL[imported.source]} (comment ${imported.sourceId})`);
  }

  /** An entry the source has since trashed or deleted: rejected here, if it was imported and nobody here acted on it. */
  async remove(id: string, source: SourceName, sourceId: string): Promise<ImportOutcome | null> {
    const stored = await this.store.getComment(id);
    if (!stored || stored.status === 'rejected') return null;
    const how = source === 'wordpress' ? 'trashed' : 'deleted';
    return this.changeTo(stored, 'rejected', `${how} at ${SOURCE_LABEL[source]} (comment ${sourceId})`);
  }

  /** Erased under the old article (its history kept) and stored again under the new one. */
  private async move(stored: Comment, imported: ImportedComment, storeAgain?: () => Promise<ImportOutcome>): Promise<ImportOutcome> {
    const moved: ImportOutcome = { kind: 'moved', from: stored.articleId, to: imported.articleId };
    if (await this.actedOnHere(stored)) {
      return {
        kind: 'conflict',
        problem: `a moderator here acted on it under the article "${stored.articleId}": not moved to "${imported.articleId}"`,
      };
    }
    if (this.options.dryRun || !storeAgain) return moved;
    await this.store.deleteComment({
      comment: stored,
      contact: await this.store.getContact(stored.id),
      at: this.options.now().toISOString(),
      actor: IMPORT_ACTOR,
      reason: `moved to the article "${imported.articleId}" (the article ids changed)`,
      rule: IMPORT_RULE,
    });
    const outcome = await storeAgain();
    return outcome.kind === 'imported' ? moved : outcome;
  }

  private async changeTo(stored: Comment, to: CommentStatus, reason: string): Promise<ImportOutcome> {
    const from = stored.status;
    if (await this.actedOnHere(stored)) return { kind: 'kept', from, to };
    if (this.options.dryRun) return { kind: 'updated', from, to };
    const now = this.options.now();
    const settings = await this.options.settings();
    await withRetries(async () => {
      const current = (await this.store.getComment(stored.id)) ?? stored;
      await this.store.changeStatus({
        comment: current,
        contact: await this.store.getContact(stored.id),
        to,
        at: now.toISOString(),
        actor: IMPORT_ACTOR,
        reason,
        expiresAt: expiryFor(to, settings.retention, now),
      });
    });
    return { kind: 'updated', from, to };
  }

  private async actedOnHere(stored: Comment): Promise<boolean> {
    return (await this.store.getHistory(stored.id)).some((entry) => entry.actor !== IMPORT_ACTOR);
  }
}
