/**
 * What the moderation pipeline needs from a spam or toxicity classifier.
 * One adapter per provider; each answers a score from 0 (clean) to 1
 * (certainly spam / abusive) and names the strongest signal it saw.
 */

export type ClassifierKind = 'spam' | 'toxicity';
export const SPAM_PROVIDERS = ['builtin', 'akismet'] as const;
export const TOXICITY_PROVIDERS = ['builtin', 'comprehend', 'guardrails'] as const;
export type SpamProvider = (typeof SPAM_PROVIDERS)[number];
export type ToxicityProvider = (typeof TOXICITY_PROVIDERS)[number];
export type ProviderName = SpamProvider | ToxicityProvider;
export const PROVIDER_NAMES: readonly ProviderName[] = ['builtin', 'akismet', 'comprehend', 'guardrails'];

/** Which providers classify which kind. */
export const PROVIDERS: Record<ClassifierKind, readonly ProviderName[]> = {
  spam: SPAM_PROVIDERS,
  toxicity: TOXICITY_PROVIDERS,
};

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

/** What the operator chose for one provider in the settings. */
export interface ProviderChoice {
  /** Send email, address and browser (only Akismet can use them); off unless the operator turns it on. */
  sendPersonalData: boolean;
}

/** The classifiers this deployment can call: the providers the stack enabled, and their time limit. */
export interface ClassifierSource {
  readonly enabled: readonly ProviderName[];
  /** Per call, in milliseconds; past it the comment is held with "classifier unavailable". */
  readonly timeLimitMs: number;
  classifier(kind: ClassifierKind, provider: ProviderName, choice: ProviderChoice): Classifier;
  /** Where moderators' contradicting decisions go; null for providers that do not learn. */
  feedback(provider: ProviderName, choice: ProviderChoice): ClassifierFeedback | null;
}
