/**
 * What the moderation pipeline needs from a spam or toxicity classifier.
 * One adapter per provider; each answers a score from 0 (clean) to 1
 * (certainly spam / abusive) and names the strongest signal it saw.
 */

export type ClassifierKind = 'spam' | 'toxicity';
export type ProviderName = 'builtin' | 'akismet' | 'comprehend' | 'guardrails';

/** Personal data: sent only to providers for which the operator turned it on. */
export interface PersonalData {
  email: string;
  ip?: string;
  userAgent?: string;
}

export interface ClassifierInput {
  text: string;
  author: string;
  url: string | null;
  articleId: string;
  /** The article's public address, when the site knows it (Akismet's `permalink`). */
  permalink?: string;
  personal?: PersonalData;
}

export interface Verdict {
  /** 0..1; for spam, ≥ 0.5 means spam. */
  score: number;
  /** The strongest signal, e.g. "insult", "threat", "profanity", "link farm"; "none" when nothing was found. */
  signal: string;
  /** Who actually decided (a cloud provider may hand a comment it cannot read to `builtin`). */
  provider: ProviderName;
  /** The provider is sure enough that nobody needs to see it (Akismet's "discard"). */
  discard?: boolean;
  /** A short remark for moderators, e.g. "not English: builtin used". */
  note?: string;
}

export interface Classifier {
  readonly kind: ClassifierKind;
  readonly provider: ProviderName;
  /** Must stop work and reject when `signal` aborts. Never called with personal data the operator did not allow. */
  classify(input: ClassifierInput, signal: AbortSignal): Promise<Verdict>;
}

/** A moderator's decision that contradicts (or confirms) a verdict, for providers that learn (Akismet). */
export interface ClassifierFeedback {
  reportSpam(input: ClassifierInput, signal: AbortSignal): Promise<void>;
  reportHam(input: ClassifierInput, signal: AbortSignal): Promise<void>;
}
