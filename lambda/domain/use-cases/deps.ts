/** What the use cases share: the storage ports, the keys this function holds, the clock, the settings cache. */
import type { ClassifierSource, ProviderName } from '../ports/classifier';
import type { AuthorStore } from '../ports/author-store';
import type { BanStore } from '../ports/ban-store';
import type { CommentLists } from '../ports/comment-lists';
import type { CommentReads } from '../ports/comment-reads';
import type { ModerationStore } from '../ports/moderation-store';
import type { ReportStore } from '../ports/report-store';
import type { SettingsStore } from '../ports/settings-store';
import type { SubmissionStore } from '../ports/submission-store';
import type { ModerationMetrics } from '../ports/moderation-metrics';
import type { TriageScorer } from '../ports/triage-scorer';
import type { CursorCodec } from '../cursor';
import type { KeyedHasher } from '../keyed-hash';
import type { SiteSettings } from '../settings';

/**
 * The ports of every use case CommentService serves, for the code that builds
 * them all at once (tests, the benchmark). A deployed function is given only
 * the ports of its own use case (lambda/wiring/).
 */
export type ServiceStores = SettingsStore &
  CommentReads &
  CommentLists &
  ModerationStore &
  AuthorStore &
  ReportStore &
  BanStore &
  Pick<SubmissionStore, 'insertComment'>;

export interface ServiceDeps {
  store: ServiceStores;
  /** Keys email hashes, duplicate and flood guards, idempotency ids (only the functions that need it get the key). */
  hasher?: KeyedHasher;
  /** Signs page cursors. */
  cursors?: CursorCodec;
  now?: () => Date;
  /** Submissions by outcome and decisions by action (none when left out). */
  metrics?: ModerationMetrics;
  /**
   * How long submissions and moderation actions may use settings read
   * earlier (a change takes effect within this time). 0 reads them every
   * time; the settings routes always read and write them directly.
   */
  settingsCacheMs?: number;
  /** The spam and toxicity classifiers this deployment can call; `builtin` only when absent. */
  classifiers?: ClassifierSource;
  /** The providers settings may name, for functions that validate settings without classifying (else those of `classifiers`). */
  enabledProviders?: readonly ProviderName[];
  /** The learned triage (`builtin`): only the functions that take submissions are given it. */
  triage?: TriageScorer;
}

/** The site settings for the rules, reused for settingsCacheMs; shared by the use cases of one function. */
export class SettingsCache {
  private cached: { value: SiteSettings; until: number } | undefined;

  constructor(
    private readonly store: Pick<SettingsStore, 'getSettings'>,
    private readonly now: () => Date,
    private readonly ttlMs: number,
  ) {}

  async current(): Promise<SiteSettings> {
    const now = this.now().getTime();
    if (this.cached && now < this.cached.until) return this.cached.value;
    const value = await this.store.getSettings();
    this.remember(value);
    return value;
  }

  /** A change made through this function applies to it at once. */
  remember(value: SiteSettings): void {
    this.cached = this.ttlMs > 0 ? { value, until: this.now().getTime() + this.ttlMs } : undefined;
  }
}

export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`this function was not configured with ${name}`);
  return value;
}
