/**
 * Stores converted comments through the service's own store port, so each
 * one arrives exactly as a posted comment would: the comment, its history
 * entry (actor "imported"), its private contact item, its duplicate guards
 * and its author counts, in one transaction. No flood locks: the comments
 * were posted long ago.
 *
 * Up to 12 comments go in one transaction (one request and one commit for
 * all), and several transactions are in flight; one article's comments go
 * together: the article's published counter, which every insert would
 * otherwise update (and so serialise on), is added to once per article per
 * batch instead (flush()). When a transaction fails, its comments are
 * written one by one to learn which failed and why.
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
import { CommentIdTaken, type CommentStore, type NewCommentRecord } from '../../lambda/ports/comment-store';
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
/** At most 7 items each (comment, history, contact, two guards, author counts, article): within DynamoDB's 100 per transaction. */
const COMMENTS_PER_TRANSACTION = 12;

interface Queued {
  imported: ImportedComment;
  record: NewCommentRecord;
  article: { first: boolean };
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

export class ImportWriter {
  private settings: Promise<SiteSettings> | undefined;
  /** Articles seen so far: whether the next comment stored is an article's first (for closeAfterDays). */
  private readonly articles = new Map<string, Promise<{ first: boolean }>>();
  private readonly closed = new Set<string>();
  /** The latest write per guard key and author, which the next with the same key waits for. */
  private readonly inFlight = new Map<string, Promise<WriteOutcome>>();
  private batch: Queued[] = [];
  private sendSoon: NodeJS.Immediate | undefined;
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
    // Comments that could be duplicates of each other, or share an author's counts, go one after the other, in file
    // order: the earlier one is kept, and no two transactions in flight touch the same item.
    const chainKeys = [...contact.guardKeys, `author ${emailHash}`];
    const earlier = chainKeys.flatMap((key) => this.inFlight.get(key) ?? []);
    const outcome = Promise.allSettled(earlier).then(() => this.enqueue(imported, comment, contact, now, settings));
    for (const key of chainKeys) this.inFlight.set(key, outcome);
    const forget = () => {
      for (const key of chainKeys) if (this.inFlight.get(key) === outcome) this.inFlight.delete(key);
    };
    outcome.then(forget, forget);
    return outcome;
  }

  /** Adds the comment to the next transaction, sent when it is full or when the reading pauses. */
  private async enqueue(
    imported: ImportedComment,
    comment: Comment,
    contact: Contact,
    now: Date,
    settings: SiteSettings,
  ): Promise<WriteOutcome> {
    const article = await this.article(comment.articleId);
    const first = article.first;
    article.first = false;
    const record: NewCommentRecord = {
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
    };
    return new Promise<WriteOutcome>((resolve, reject) => {
      this.batch.push({ imported, record, article, resolve, reject });
      if (this.batch.length >= COMMENTS_PER_TRANSACTION) this.send();
      else this.sendSoon ??= setImmediate(() => this.send());
    });
  }

  private send(): void {
    if (this.sendSoon) clearImmediate(this.sendSoon);
    this.sendSoon = undefined;
    const batch = this.batch;
    this.batch = [];
    if (batch.length > 0) void this.writeBatch(batch);
  }

  /** One transaction for the batch; when any of it fails, each comment alone, to learn which and why. */
  private async writeBatch(batch: Queued[]): Promise<void> {
    try {
      // Taken ids (a second import) are found with one read, not one cancelled transaction each.
      const taken = await this.store.getComments(batch.map((entry) => entry.record.comment.id));
      const fresh = batch.filter((entry) => !taken.has(entry.record.comment.id));
      for (const entry of batch) {
        const stored = taken.get(entry.record.comment.id);
        if (!stored) continue;
        if (entry.record.firstCommentOfArticle) entry.article.first = true;
        entry.resolve(await this.reconcile(stored, entry.imported));
      }
      let together = false;
      await withRetries(async () => {
        together = await this.store.insertCommentsTogether(fresh.map((entry) => entry.record));
      });
      for (const entry of fresh) entry.resolve(together ? this.stored(entry.record.comment) : await this.insertAlone(entry));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }

  private stored(comment: Comment): WriteOutcome {
    if (comment.status === 'approved') this.published.set(comment.articleId, (this.published.get(comment.articleId) ?? 0) + 1);
    return { kind: 'imported' };
  }

  private async insertAlone({ imported, record, article }: Queued): Promise<WriteOutcome> {
    try {
      await withRetries(() => this.store.insertComment(record));
      return this.stored(record.comment);
    } catch (error) {
      if (record.firstCommentOfArticle) article.first = true;
      if (error instanceof CommentIdTaken) {
        const stored = await this.store.getComment(imported.id);
        return stored ? this.reconcile(stored, imported) : { kind: 'already imported' };
      }
      if (error instanceof DomainError && error.code === 'Duplicate') return { kind: 'duplicate' };
      throw error;
    }
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
 * Comments of one author share their counts item: should writes in flight
 * still conflict, they are retried. So is a server-side fault the SDK's own retries
 * did not outlast (DynamoDB Local answers a long wait for an item's lock
 * with InternalServerError), and a comment changed meanwhile.
 */
async function withRetries(write: () => Promise<unknown>): Promise<void> {
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
