/**
 * Importing comments from another system's export: each is stored through
 * the store port as the record a posted comment is built as
 * (newCommentRecord, shared with submit): the comment, its history
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
 * The id comes from the source, so a second import finds it taken: what
 * then happens is imported-changes.ts's.
 */
import type { CommentReads } from '../ports/comment-reads';
import type { SettingsStore } from '../ports/settings-store';
import { CommentIdTaken, type NewCommentRecord } from '../ports/store-records';
import type { SubmissionStore } from '../ports/submission-store';
import type { Comment } from '../comment';
import { newCommentRecord } from '../comment-record';
import { normaliseEmail } from '../email';
import { DomainError } from '../errors';
import { IMPORT_ACTOR, IMPORT_RULE, type ImportedComment, type ImportOutcome, SOURCE_LABEL, type SourceName } from '../imported-comment';
import type { KeyedHasher } from '../keyed-hash';
import type { SiteSettings } from '../settings';
import { SourceChanges, type SourceChangesStore } from './imported-changes';
import { withRetries } from './store-retries';

/** What the import reads and writes: the port's methods it uses, and nothing else. */
export type ImportStore = SourceChangesStore &
  SubmissionStore &
  Pick<SettingsStore, 'getSettings' | 'getArticle' | 'putArticle'> &
  Pick<CommentReads, 'getComments'>;

/** At most 7 items each (comment, history, contact, two guards, author counts, article): within DynamoDB's 100 per transaction. */
const COMMENTS_PER_TRANSACTION = 12;

interface Queued {
  imported: ImportedComment;
  record: NewCommentRecord;
  article: { first: boolean };
  resolve(outcome: ImportOutcome): void;
  reject(error: unknown): void;
}

export class ImportComment {
  private settings: Promise<SiteSettings> | undefined;
  /** Articles seen so far: whether the next comment stored is an article's first (for closeAfterDays). */
  private readonly articles = new Map<string, Promise<{ first: boolean }>>();
  private readonly closed = new Set<string>();
  /** The latest write per guard key and author, which the next with the same key waits for. */
  private readonly inFlight = new Map<string, Promise<ImportOutcome>>();
  private batch: Queued[] = [];
  private sendSoon: NodeJS.Immediate | undefined;
  /** Published comments stored since the last flush, per article. */
  private readonly published = new Map<string, number>();

  private readonly changes: SourceChanges;

  constructor(
    private readonly store: ImportStore,
    private readonly hasher: KeyedHasher,
    private readonly options: { dryRun: boolean; now?: () => Date },
  ) {
    this.changes = new SourceChanges(store, { dryRun: options.dryRun, now: () => this.now(), settings: () => this.siteSettings() });
  }

  /** An entry the source has since trashed or deleted: rejected here, if it was imported and nobody here acted on it. */
  remove(id: string, source: SourceName, sourceId: string): Promise<ImportOutcome | null> {
    return this.changes.remove(id, source, sourceId);
  }

  async write(imported: ImportedComment): Promise<ImportOutcome> {
    if (this.options.dryRun) {
      const stored = await this.store.getComment(imported.id);
      return stored ? this.changes.reconcile(stored, imported) : { kind: 'imported' };
    }
    const now = this.now();
    const settings = await this.siteSettings();
    const { source, sourceId, email, ...fields } = imported;
    const emailHash = this.hasher.hash('email', normaliseEmail(email ?? ''));
    const record = newCommentRecord(this.hasher, {
      comment: { ...fields, reasons: [{ rule: IMPORT_RULE, message: `imported from ${SOURCE_LABEL[source]} (comment ${sourceId})` }] },
      email: email ?? '',
      emailHash,
      actor: IMPORT_ACTOR,
      // Retention counts from when it entered this service's spam folder: now. No flood locks: posted long ago.
      storedAt: now,
      retention: settings.retention,
      firstCommentOfArticle: false,
      publishedCountLater: true,
    });
    // Comments that could be duplicates of each other, or share an author's counts, go one after the other, in file
    // order: the earlier one is kept, and no two transactions in flight touch the same item.
    const chainKeys = [...record.contact.guardKeys, `author ${emailHash}`];
    const earlier = chainKeys.flatMap((key) => this.inFlight.get(key) ?? []);
    const outcome = Promise.allSettled(earlier).then(() => this.enqueue(imported, record));
    for (const key of chainKeys) this.inFlight.set(key, outcome);
    const forget = () => {
      for (const key of chainKeys) if (this.inFlight.get(key) === outcome) this.inFlight.delete(key);
    };
    outcome.then(forget, forget);
    return outcome;
  }

  /** Adds the comment to the next transaction, sent when it is full or when the reading pauses. */
  private async enqueue(imported: ImportedComment, built: NewCommentRecord): Promise<ImportOutcome> {
    const article = await this.article(built.comment.articleId);
    const record = { ...built, firstCommentOfArticle: article.first };
    article.first = false;
    return new Promise<ImportOutcome>((resolve, reject) => {
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
        entry.resolve(await this.changes.reconcile(stored, entry.imported, () => this.insertAlone(entry)));
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

  private stored(comment: Comment): ImportOutcome {
    if (comment.status === 'approved') this.published.set(comment.articleId, (this.published.get(comment.articleId) ?? 0) + 1);
    return { kind: 'imported' };
  }

  private async insertAlone(entry: Queued): Promise<ImportOutcome> {
    const { imported, record, article } = entry;
    try {
      await withRetries(() => this.store.insertComment(record));
      return this.stored(record.comment);
    } catch (error) {
      if (record.firstCommentOfArticle) article.first = true;
      if (error instanceof CommentIdTaken) {
        const stored = await this.store.getComment(imported.id);
        return stored ? this.changes.reconcile(stored, imported, () => this.insertAlone(entry)) : { kind: 'already imported' };
      }
      if (error instanceof DomainError && error.code === 'Duplicate') return { kind: 'duplicate' };
      throw error;
    }
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
