/**
 * Submitting a comment: closed articles, validation and replies are checked,
 * the moderation phases decide the status, and the comment, its private
 * data, its history entry and its guards are written in one transaction.
 */
import { randomBytes } from 'node:crypto';
import type { ClassifierSource } from '../ports/classifier';
import type { AuthorStore } from '../ports/author-store';
import type { BanLookup } from '../ports/ban-store';
import type { CommentReads } from '../ports/comment-reads';
import { CommentIdTaken } from '../ports/store-records';
import type { SubmissionStore } from '../ports/submission-store';
import type { ModerationMetrics } from '../ports/moderation-metrics';
import type { PreparedTriage, TriageScorer } from '../ports/triage-scorer';
import type { Comment } from '../comment';
import { newCommentRecord } from '../comment-record';
import { normaliseEmail } from '../email';
import { commentsClosed, validationFailed } from '../errors';
import { floodKeys } from '../guards';
import type { KeyedHasher } from '../keyed-hash';
import { type AuthorRecord, type Decision, decide, type PolicyInput, startedTriageRun } from '../policy';
import { commentsAreOpen, defaultArticle, type SiteSettings } from '../settings';
import type { TriageRecord } from '../triage/triage-record';
import { type SubmissionInput, validateSubmission, wantsReplyMail } from '../validation';
import { activeBan } from './bans';
import type { ArticleCache } from './article-cache';
import type { SettingsCache } from './deps';

export interface SubmitRequest {
  articleId: string;
  input: SubmissionInput;
  /** The client's address as API Gateway saw it; used only keyed: flood control and bans. */
  clientIp: string | null;
  /** A retried request with the same key is stored once and answered the same. */
  idempotencyKey?: string | null;
  /** The reader's browser, for a spam provider the operator allowed personal data (never stored). */
  userAgent?: string | null;
}

export interface SubmitResult {
  created: boolean;
  body: { id: string; articleId: string; status: 'pending' | 'approved'; createdAt: string };
}

/** The ports submit writes and reads through. */
export type SubmitStores = Pick<SubmissionStore, 'insertComment'> &
  AuthorStore &
  BanLookup &
  Pick<CommentReads, 'getComment' | 'getComments'>;

const AUTHOR_WINDOW_LIMIT = 200;
const NO_HISTORY: AuthorRecord = { approved: 0, rejected: 0, spam: 0 };

export class SubmitComment {
  constructor(
    private readonly store: SubmitStores,
    private readonly hasher: KeyedHasher,
    private readonly settings: SettingsCache,
    private readonly articles: ArticleCache,
    private readonly now: () => Date,
    private readonly metrics: ModerationMetrics,
    private readonly classifiers: ClassifierSource,
    /** The learned triage (`builtin`); without it nothing scores the kinds set to builtin. */
    private readonly triage?: TriageScorer,
  ) {}

  async submit(request: SubmitRequest): Promise<SubmitResult> {
    const { store, hasher } = this;
    const now = this.now();
    // Settings and the article from the function's caches on a warm function (settingsCacheMs), the site's model beside
    // them (reused for the cache time too): no read before the ban look-ups.
    const [settings, storedArticle, learnedTriage] = await Promise.all([
      this.settings.current(),
      this.articles.current(request.articleId),
      this.prepareTriage(),
    ]);
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
    // Kept with the comment's private data (never the address itself), so a moderator can ban the address.
    const addressHash = request.clientIp ? hasher.hash('address', request.clientIp) : null;
    const [author, ban] = await Promise.all([
      this.authorRecordFor(settings, emailHash, now, learnedTriage),
      activeBan(store, { emailHash, addressHash }, now),
    ]);
    const policyInput: PolicyInput = {
      submission,
      settings,
      article,
      author,
      ban,
      classifiers: this.classifiers,
      subject: {
        articleId: request.articleId,
        personal: {
          email: submission.email,
          ...(request.clientIp ? { ip: request.clientIp } : {}),
          ...(request.userAgent ? { userAgent: request.userAgent } : {}),
        },
      },
      ...(learnedTriage ? { learnedTriage } : {}),
    };
    const decision = await decide(policyInput);
    const triage = await triageRecord(policyInput, decision);

    const id = request.idempotencyKey ? this.idempotentId(request.articleId, request.idempotencyKey) : newCommentId();
    const createdAt = now.toISOString();
    const record = newCommentRecord(hasher, {
      comment: {
        id,
        articleId: request.articleId,
        parentId: submission.parentId,
        author: submission.author,
        url: submission.url,
        comment: submission.comment,
        status: decision.status,
        createdAt,
        reasons: decision.reasons,
        ...(triage ? { triage } : {}),
      },
      email: submission.email,
      emailHash,
      contact: {
        addressHash,
        // Spam never asks for mail: no confirmation goes to an address a bot typed.
        ...(wantsReplyMail(request.input) && decision.status !== 'spam' ? { notifyReplies: true } : {}),
      },
      actor: 'system',
      storedAt: now,
      retention: settings.retention,
      firstCommentOfArticle: article.firstCommentAt === null,
      // Refused posts take no lock: the whole write is one transaction.
      flood: { keys: settings.floodSeconds > 0 ? floodKeys(hasher, emailHash, request.clientIp) : [], ms: settings.floodSeconds * 1000 },
    });
    const { comment } = record;

    try {
      await store.insertComment(record);
    } catch (error) {
      if (!(error instanceof CommentIdTaken)) throw error;
      // The same Idempotency-Key again: answer as the first time.
      const stored = await store.getComment(id);
      if (!stored) throw error;
      return submitResult(stored);
    }
    // The cached article now has its first comment: the next submission need not write it again.
    if (article.firstCommentAt === null) this.articles.remember({ ...article, firstCommentAt: createdAt });
    // Counted once stored: a refused post or an idempotent retry is not a new comment.
    this.metrics.commentSubmitted(comment.status);
    return submitResult(comment);
  }

  /** The site's model, or why it could not be read (the kinds it scores then hold the comment). */
  private async prepareTriage(): Promise<PreparedTriage | { unavailable: string } | undefined> {
    if (!this.triage) return undefined;
    try {
      return await this.triage.prepare();
    } catch (error) {
      return { unavailable: error instanceof Error ? error.message : String(error) };
    }
  }

  /** What auto-approve counts, and what the model reads of the author (counts only): read only when one of them needs it. */
  private authorRecordFor(settings: SiteSettings, emailHash: string, now: Date, learnedTriage: unknown): Promise<AuthorRecord> {
    if (settings.autoApprove.enabled) return this.authorRecord(emailHash, settings.autoApprove.windowDays, now);
    const scored = learnedTriage !== undefined && (settings.triage.spam.provider !== null || settings.triage.toxicity.provider !== null);
    return scored ? this.store.getAuthorRecord(emailHash) : Promise.resolve(NO_HISTORY);
  }

  /** The same article and key always give the same id, so a retry finds the first write. */
  private idempotentId(articleId: string, key: string): string {
    return this.hasher
      .hash('idempotency', `${articleId}\u0000${key}`)
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 24)
      .padEnd(16, '0');
  }

  /**
   * What auto-approve knows of an email: the lifetime counts kept with every
   * status change, or with a window, the statuses of that email's comments of
   * the last windowDays (one Query of the email index + one BatchGetItem, at
   * most AUTHOR_WINDOW_LIMIT comments: enough to decide, bounded per post).
   */
  private async authorRecord(emailHash: string, windowDays: number | null, now: Date): Promise<AuthorRecord> {
    const { store } = this;
    if (windowDays === null) return store.getAuthorRecord(emailHash);
    const since = new Date(now.getTime() - windowDays * 86_400_000).toISOString();
    const recent = await store.listContactsByEmailHash(emailHash, AUTHOR_WINDOW_LIMIT, undefined, since);
    if (recent.items.length === 0) return NO_HISTORY;
    const comments = await store.getComments(recent.items.map((ref) => ref.contact.commentId));
    const record = { ...NO_HISTORY };
    for (const comment of comments.values()) if (comment.status !== 'pending') record[comment.status] += 1;
    return record;
  }
}

const AUTOMATIC = { approved: 'published', rejected: 'rejected', spam: 'spam' } as const;

/**
 * What the learner needs later (stored with the comment): the scores the gate
 * judged, what it decided without a person, and whether that was audited. A
 * comment a hold kept from the gate's decision was decided by no one yet.
 */
async function triageRecord(input: PolicyInput, decision: Decision): Promise<TriageRecord | undefined> {
  const assessment = (await startedTriageRun(input))?.assessment;
  if (!assessment) return undefined;
  const first = decision.reasons[0]?.rule;
  const audit = first === 'audit';
  const decidedByGate = first === 'gate' && decision.status !== 'pending';
  const auto = audit ? (assessment.verdict.automatic ?? null) : decidedByGate ? AUTOMATIC[decision.status as keyof typeof AUTOMATIC] : null;
  const { approved, rejected, spam } = input.author;
  return { scores: assessment.scores, auto, audit, record: { approved, rejected, spam } };
}

const submitResult = (c: Comment): SubmitResult => ({
  created: c.status === 'approved',
  // A comment the policy marked as spam is answered like any held comment: bots learn nothing.
  body: { id: c.id, articleId: c.articleId, status: c.status === 'approved' ? 'approved' : 'pending', createdAt: c.createdAt },
});

export const newCommentId = (): string => randomBytes(10).toString('hex');
