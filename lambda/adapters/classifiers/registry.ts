/**
 * One place that turns a provider name from the settings into a classifier,
 * for the moderation pipeline to call through `runClassifier`. Cloud
 * adapters (and their SDK clients) load on first use, so a function whose
 * site uses only `builtin` never evaluates them on a cold start.
 */
import { builtinSpam, builtinToxicity } from '../../domain/triage/builtin';
import { DEFAULT_TIME_LIMIT_MS } from '../../domain/triage/run-classifier';
import { type Classifier, type ClassifierFeedback, type ClassifierKind, PROVIDERS, type ProviderName } from '../../domain/ports/classifier';
import { envCount, envOptional } from '../../environment';

export { PROVIDERS } from '../../domain/ports/classifier';

export interface ProviderOptions {
  /** Send email, address and browser to this provider (the operator's choice; off by default). */
  sendPersonalData?: boolean;
  /** The site's front page, for Akismet's `blog` field (`SITE_URL` when not given). */
  siteUrl?: string;
}

const lazy = (kind: ClassifierKind, provider: ProviderName, load: () => Promise<Classifier>): Classifier => {
  let loading: Promise<Classifier> | undefined;
  return {
    kind,
    provider,
    async classify(input, signal) {
      loading ??= load();
      loading.catch(() => {
        loading = undefined;
      });
      return (await loading).classify(input, signal);
    },
  };
};

async function akismet(options: ProviderOptions): Promise<Classifier & ClassifierFeedback> {
  const { akismetApiKey, akismetClassifier } = await import('./akismet');
  const blog = options.siteUrl ?? envOptional('SITE_URL');
  if (!blog) throw new Error('SITE_URL is not set (Akismet needs the site address)');
  // AKISMET_ENDPOINT points the adapter at a stand-in (local runs, tests); deployed it is Akismet's own.
  const endpoint = envOptional('AKISMET_ENDPOINT');
  return akismetClassifier({ blog, apiKey: akismetApiKey, sendPersonalData: options.sendPersonalData ?? false, endpoint });
}

/** The classifier for a provider the settings name; throws for a provider that does not classify this kind. */
export function classifierFor(kind: ClassifierKind, provider: ProviderName, options: ProviderOptions = {}): Classifier {
  if (!PROVIDERS[kind].includes(provider)) throw new Error(`${provider} is not a ${kind} provider`);
  if (provider === 'builtin') return kind === 'spam' ? builtinSpam : builtinToxicity;
  if (provider === 'akismet') return lazy(kind, provider, () => akismet(options));
  if (provider === 'comprehend') {
    return lazy(kind, provider, async () => (await import('./comprehend')).comprehendClassifier({ fallback: builtinToxicity }));
  }
  return lazy(kind, provider, async () => {
    const { guardrailsClassifier, guardrailsFromEnvironment } = await import('./guardrails');
    return guardrailsClassifier(guardrailsFromEnvironment());
  });
}

/** Where a moderator's contradicting decision goes back to (Akismet only); null for providers that do not learn. */
export function feedbackFor(provider: ProviderName, options: ProviderOptions = {}): ClassifierFeedback | null {
  if (provider !== 'akismet') return null;
  let loading: Promise<ClassifierFeedback> | undefined;
  const client = () => (loading ??= akismet(options));
  return {
    reportSpam: async (input, signal) => (await client()).reportSpam(input, signal),
    reportHam: async (input, signal) => (await client()).reportHam(input, signal),
  };
}

/** The stack's per-provider time limit (`CLASSIFIER_TIME_LIMIT_MS`), 800 ms by default. */
export function classifierTimeLimitMs(): number {
  const value = envCount('CLASSIFIER_TIME_LIMIT_MS');
  return value > 0 ? value : DEFAULT_TIME_LIMIT_MS;
}
