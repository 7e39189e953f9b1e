/** Site-wide moderation settings and per-article settings, with their defaults. */
import type { SpamProvider, ToxicityProvider } from './ports/classifier';
import type { CommentStatus } from './comment';
import { DEFAULT_REPORT_THRESHOLD } from './reports';
import type { AutoDecideSettings } from './triage/learning';

/**
 * The automated triage: which provider scores each kind (null: off), the
 * toxicity score that holds a comment when pre-moderation is off, and the
 * gate's bounds for automatic decisions (premoderation "auto").
 */
export interface TriageSettings {
  /** sendPersonalData: the reader's email, address and browser go to the provider (Akismet); off by default. */
  spam: { provider: SpamProvider | null; sendPersonalData: boolean };
  /** rejectAt is kept so older clients' saves still validate: no score removes a comment (the gate alone may). */
  toxicity: { provider: ToxicityProvider | null; holdAt: number; rejectAt: number };
  autoDecide: AutoDecideSettings;
}

/** true: a person sees every comment; false: published unless a rule holds it; "auto": the gate decides what it is sure of. */
export type Premoderation = boolean | 'auto';

export interface SiteSettings {
  premoderation: Premoderation;
  maxLinks: number;
  moderationWords: string[];
  disallowedWords: string[];
  floodSeconds: number;
  /** windowDays null: count the author's comments of all time; a number: only those of the last windowDays. */
  autoApprove: { enabled: boolean; minApproved: number; windowDays: number | null };
  closeAfterDays: number | null;
  eraseMode: 'anonymise' | 'delete';
  /** Days after which spam and rejected comments are purged (DynamoDB TTL); null keeps them. */
  retention: { spamDays: number | null; rejectedDays: number | null };
  triage: TriageSettings;
  /** Distinct readers' reports that send a published comment back to the queue; null turns reports off. */
  reports: { threshold: number | null };
  version: number;
}

export interface ArticleSettings {
  articleId: string;
  commentsOpen: boolean;
  publishedAt: string | null;
  /** null = use the site setting. */
  premoderation: boolean | null;
  /** When the article's first comment was stored (for closeAfterDays). */
  firstCommentAt: string | null;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  premoderation: true,
  maxLinks: 2,
  moderationWords: [],
  disallowedWords: [],
  floodSeconds: 15,
  autoApprove: { enabled: false, minApproved: 1, windowDays: null },
  closeAfterDays: null,
  eraseMode: 'anonymise',
  retention: { spamDays: 30, rejectedDays: 90 },
  triage: {
    spam: { provider: 'builtin', sendPersonalData: false },
    toxicity: { provider: 'builtin', holdAt: 0.5, rejectAt: 0.9 },
    // The gate's defaults (DEFAULT_AUTO_DECIDE), copied so that reading settings never loads the scoring code; a test keeps them equal.
    autoDecide: { maxError: 0.01, audit: 0.02, minExamples: 200 },
  },
  reports: { threshold: DEFAULT_REPORT_THRESHOLD },
  version: 0,
};

/** Stored settings over the defaults, nested sections included: settings saved before a section existed get its defaults. */
export function withDefaults(stored: Partial<SiteSettings>): SiteSettings {
  const triage: Partial<TriageSettings> = stored.triage ?? {};
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    triage: {
      ...DEFAULT_SETTINGS.triage,
      ...triage,
      autoDecide: { ...DEFAULT_SETTINGS.triage.autoDecide, ...triage.autoDecide },
    },
  };
}

export const defaultArticle = (articleId: string): ArticleSettings => ({
  articleId,
  commentsOpen: true,
  publishedAt: null,
  premoderation: null,
  firstCommentAt: null,
});

const DAY_MS = 86_400_000;
const DAY_SECONDS = 86_400;

/**
 * When a comment entering `status` at `at` is purged (epoch seconds, the
 * DynamoDB TTL attribute), or null when that status is kept.
 */
export function expiryFor(status: CommentStatus, retention: SiteSettings['retention'], at: Date): number | null {
  const days = status === 'spam' ? retention.spamDays : status === 'rejected' ? retention.rejectedDays : null;
  return days === null ? null : Math.ceil(at.getTime() / 1000) + days * DAY_SECONDS;
}

/** Closed by hand, or closeAfterDays after publication (or after the first comment). */
export function commentsAreOpen(settings: SiteSettings, article: ArticleSettings, now: Date): boolean {
  if (!article.commentsOpen) return false;
  if (settings.closeAfterDays === null) return true;
  const from = article.publishedAt ?? article.firstCommentAt;
  if (from === null) return true;
  return now.getTime() < Date.parse(from) + settings.closeAfterDays * DAY_MS;
}
