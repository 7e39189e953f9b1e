/**
 * Stores converted comments through the service's own store port, so each
 * one arrives exactly as a posted comment would: the comment, its history
 * entry (actor "imported"), its private contact item, its duplicate guards
 * and its author counts, in one transaction. The id comes from the source,
 * so a second import finds it taken and stores nothing. No flood locks: the
 * comments were posted long ago.
 */
import type { Comment, Contact } from '../../lambda/domain/comment';
import { DomainError } from '../../lambda/domain/errors';
import { normaliseEmail } from '../../lambda/domain/email';
import { duplicateKeys } from '../../lambda/domain/guards';
import type { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { expiryFor, type SiteSettings } from '../../lambda/domain/settings';
import { CommentIdTaken, type CommentStore } from '../../lambda/ports/comment-store';
import type { ImportedComment } from './convert';
import { SOURCE_LABEL } from './source-comment';

export const IMPORT_ACTOR = 'imported';
export type WriteOutcome = 'imported' | 'already imported' | 'duplicate';

const ATTEMPTS = 6;

export class ImportWriter {
  private settings: Promise<SiteSettings> | undefined;
  /** Articles seen so far, and whether the next comment stored is an article's first (for closeAfterDays). */
  private readonly articles = new Map<string, Promise<{ first: boolean }>>();

  constructor(
    private readonly store: CommentStore,
    private readonly hasher: KeyedHasher,
    private readonly options: { dryRun: boolean; now?: () => Date },
  ) {}

  /**
   * Writes in flight by article: one article's comments go one after the
   * other, in file order. They all update the article's published counter,
   * which concurrent transactions would fight over (DynamoDB cancels the
   * losers, and they cost write units all the same); and a possible duplicate
   * is then always decided for the earlier comment in the file. Different
   * articles still go in parallel.
   */
  private readonly byArticle = new Map<string, Promise<WriteOutcome>>();

  write(imported: ImportedComment): Promise<WriteOutcome> {
    const key = imported.articleId;
    const before = this.byArticle.get(key);
    const next = before ? before.catch(() => undefined).then(() => this.writeNow(imported)) : this.writeNow(imported);
    this.byArticle.set(key, next);
    const forget = () => {
      if (this.byArticle.get(key) === next) this.byArticle.delete(key);
    };
    next.then(forget, forget);
    return next;
  }

  private async writeNow(imported: ImportedComment): Promise<WriteOutcome> {
    if (this.options.dryRun) return (await this.store.getComment(imported.id)) ? 'already imported' : 'imported';
    const now = this.options.now?.() ?? new Date();
    const settings = await (this.settings ??= this.store.getSettings());
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
        }),
      );
      return 'imported';
    } catch (error) {
      if (error instanceof CommentIdTaken) return 'already imported';
      if (error instanceof DomainError && error.code === 'Duplicate') return 'duplicate';
      throw error;
    }
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
 * Comments of one author share their counts item, and comments of one article
 * its published counter: concurrent writes can conflict, and are retried. So
 * is a server-side fault the SDK's own retries did not outlast (DynamoDB
 * Local answers a long wait for an item's lock with InternalServerError).
 */
async function withRetries(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      const serverFault = (error as { $fault?: string } | null)?.$fault === 'server';
      const busy = serverFault || (error instanceof DomainError && error.code === 'ServiceUnavailable');
      if (!busy || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
    }
  }
}
