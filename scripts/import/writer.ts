/**
 * Stores converted comments through the service's own store port, so each
 * one arrives exactly as a posted comment would: the comment, its history
 * entry (actor "imported"), its private contact item, its duplicate guards
 * and its author counts, in one transaction. No flood locks: the comments
 * were posted long ago.
 *
 * Writes to one article run concurrently: the article's published counter,
 * which every insert would otherwise update (and so serialise on), is added
 * to once per article per batch instead (flush()).
 *
 * The id comes from the source, so a second import finds it taken. Then the
 * source wins as long as nobody here acted on the comment: a status changed
 * there (approved, spam, trashed, deleted) is applied here; once a moderator
 * here has acted, this service's decision stands. A taken id whose stored
 * comment has another text is a different comment: reported, never merged.
 */
import type { Comment, CommentStatus, Contact } from '../../lambda/domain/comment';
import { normaliseEmail } from '../../lambda/domain/email';
import { DomainError } from '../../lambda/domain/errors';
import { duplicateKeys } from '../../lambda/domain/guards';
import type { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { expiryFor, type SiteSettings } from '../../lambda/domain/settings';
import { CommentIdTaken, type CommentStore } from '../../lambda/ports/comment-store';
import type { ImportedComment } from './convert';
import { SOURCE_LABEL, type SourceName } from './source-comment';

export const IMPORT_ACTOR = 'imported';
export type WriteOutcome =
  | { kind: 'imported' }
  | { kind: 'already imported' }
  | { kind: 'duplicate' }
  /** An imported comment whose status the source has changed since. */
  | { kind: 'updated'; from: CommentStatus; to: CommentStatus }
  /** A moderator here acted on it: the source's change is not applied. */
  | { kind: 'kept'; from: CommentStatus; to: CommentStatus }
  | { kind: 'conflict'; problem: string };

const ATTEMPTS = 10;

export class ImportWriter {
  private settings: Promise<SiteSettings> | undefined;
  /** Articles seen so far: whether the next comment stored is an article's first (for closeAfterDays). */
  private readonly articles = new Map<string, Promise<{ first: boolean }>>();
  private readonly closed = new Set<string>();
  private readonly guardsInFlight = new Map<string, Promise<WriteOutcome>>();
  /** Published comments stored since the last flush, per article. */
  private readonly published = new Map<string, number>();

  constructor(
    private readonly store: CommentStore,
    private readonly hasher: KeyedHasher,
    private readonly options: { dryRun: boolean; now?: () => Date },
  ) {}

  async write(imported: ImportedComment): Promise<WriteOutcome> {
    if (this.options.dryRun) {
      const stored = await this.store.getComment(imported.id);
      return stored ? this.reconcile(stored, imported) : { kind: 'imported' };
    }
    const now = this.now();
    const settings = await this.siteSettings();
    const emailHash = this.hasher.hash('email', normaliseEmail(imported.email ?? ''));
    const comment: Comment = {
      id: imported.id,
      articleId: imported.articleId,
      parentId: imported.parentId,
      author: imported.author,
      url: imported.url,
      comment: imported.comment,
      status: imported.status,
      createdAt: imported.createdAt,
      updatedAt: imported.createdAt,
      version: 1,
      reasons: [{ rule: 'import', message: `imported from ${SOURCE_LABEL[imported.source]} (comment ${imported.sourceId})` }],
    };
    const contact: Contact = {
      commentId: comment.id,
      email: imported.email ?? '',
      emailHash,
      guardKeys: guardKeysFor(this.hasher, comment, emailHash, imported.email !== null),
    };
    // Comments that could be duplicates of each other go one after the other, in file order: the earlier one is kept.
    const earlier = contact.guardKeys.flatMap((key) => this.guardsInFlight.get(key) ?? []);
    const outcome = Promise.allSettled(earlier).then(() => this.insert(imported, comment, contact, now, settings));
    for (const key of contact.guardKeys) this.guardsInFlight.set(key, outcome);
    const forget = () => {
      for (const key of contact.guardKeys) if (this.guardsInFlight.get(key) === outcome) this.guardsInFlight.delete(key);
    };
    outcome.then(forget, forget);
    return outcome;
  }

  private async insert(
    imported: ImportedComment,
    comment: Comment,
    contact: Contact,
    now: Date,
    settings: SiteSettings,
  ): Promise<WriteOutcome> {
    const article = await this.article(comment.articleId);
    const first = article.first;
    article.first = false;
    try {
      await withRetries(() =>
        this.store.insertComment({
          comment,
          contact,
          history: {
            at: now.toISOString(),
            actor: IMPORT_ACTOR,
            from: null,
            to: comment.status,
            reason: comment.reasons[0]!.message,
            rule: 'import',
          },
          floodKeys: [],
          floodMs: 0,
          // Retention counts from when it entered this service's spam folder: now.
          expiresAt: expiryFor(comment.status, settings.retention, now),
          firstCommentOfArticle: first,
          publishedCountLater: true,
        }),
      );
    } catch (error) {
      if (first) article.first = true;
      if (error instanceof CommentIdTaken) {
        const stored = await this.store.getComment(imported.id);
        return stored ? this.reconcile(stored, imported) : { kind: 'already imported' };
      }
      if (error instanceof DomainError && error.code === 'Duplicate') return { kind: 'duplicate' };
      throw error;
    }
    if (comment.status === 'approved') this.published.set(comment.articleId, (this.published.get(comment.articleId) ?? 0) + 1);
    return { kind: 'imported' };
  }

  /** An entry the source has since trashed or deleted: rejected here, if it was imported and nobody here acted on it. */
  async remove(id: string, source: SourceName, sourceId: string): Promise<WriteOutcome | null> {
    const stored = await this.store.getComment(id);
    if (!stored || stored.status === 'rejected') return null;
    return this.changeTo(
      stored,
      'rejected',
      `${source === 'wordpress' ? 'trashed' : 'deleted'} at ${SOURCE_LABEL[source]} (comment ${sourceId})`,
    );
  }

  /** Closes the article here as it is closed at the source (once per article and run). */
  async closeArticle(articleId: string): Promise<void> {
    if (this.options.dryRun || this.closed.has(articleId)) return;
    this.closed.add(articleId);
    const article = await this.store.getArticle(articleId);
    if (article?.commentsOpen === false) return;
    await this.store.putArticle({
      articleId,
      commentsOpen: false,
      publishedAt: article?.publishedAt ?? null,
      premoderation: article?.premoderation ?? null,
      firstCommentAt: article?.firstCommentAt ?? null,
    });
  }

  /** Adds the published comments stored since the last flush to their articles' counters. */
  async flush(): Promise<void> {
    const deltas = [...this.published];
    this.published.clear();
    await Promise.all(deltas.map(([articleId, delta]) => withRetries(() => this.store.addPublished(articleId, delta))));
  }

  private async reconcile(stored: Comment, imported: ImportedComment): Promise<WriteOutcome> {
    if (stored.comment !== imported.comment) {
      return { kind: 'conflict', problem: `its id is taken by a different comment (on "${stored.articleId}"): not imported` };
    }
    if (stored.articleId !== imported.articleId) {
      return {
        kind: 'conflict',
        problem: `already imported under the article "${stored.articleId}", not "${imported.articleId}": not moved`,
      };
    }
    if (stored.status === imported.status) return { kind: 'already imported' };
    return this.changeTo(stored, imported.status, `changed at ${SOURCE_LABEL[imported.source]} (comment ${imported.sourceId})`);
  }

  private async changeTo(stored: Comment, to: CommentStatus, reason: string): Promise<WriteOutcome> {
    const from = stored.status;
    const history = await this.store.getHistory(stored.id);
    if (history.some((entry) => entry.actor !== IMPORT_ACTOR)) return { kind: 'kept', from, to };
    if (this.options.dryRun) return { kind: 'updated', from, to };
    const now = this.now();
    const settings = await this.siteSettings();
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

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private siteSettings(): Promise<SiteSettings> {
    this.settings ??= this.store.getSettings();
    return this.settings;
  }

  private article(articleId: string): Promise<{ first: boolean }> {
    let known = this.articles.get(articleId);
    if (!known) {
      known = this.store.getArticle(articleId).then((article) => ({ first: (article?.firstCommentAt ?? null) === null }));
      this.articles.set(articleId, known);
    }
    return known;
  }
}

/**
 * The duplicate locks a posted comment takes: by email and by name. Without
 * an email only the name one: two guests who both wrote "+1" are not duplicates.
 */
function guardKeysFor(hasher: KeyedHasher, comment: Comment, emailHash: string, hasEmail: boolean): string[] {
  const [byEmail, byName] = duplicateKeys(hasher, comment, emailHash, comment.author);
  return hasEmail ? [byEmail!, byName!] : [byName!];
}

/**
 * Comments of one author share their counts item: concurrent writes can
 * conflict, and are retried. So is a server-side fault the SDK's own retries
 * did not outlast (DynamoDB Local answers a long wait for an item's lock
 * with InternalServerError), and a comment changed meanwhile.
 */
async function withRetries(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      const serverFault = (error as { $fault?: string } | null)?.$fault === 'server';
      const busy =
        serverFault || (error instanceof DomainError && (error.code === 'ServiceUnavailable' || error.code === 'VersionConflict'));
      if (!busy || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6) * Math.random()));
    }
  }
}
