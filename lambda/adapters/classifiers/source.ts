/**
 * The classifiers this deployment may call, from the environment the stack
 * sets: `CLASSIFIERS` (the providers `-c classifiers=...` enabled, default
 * `builtin`) and `CLASSIFIER_TIME_LIMIT_MS` (default 800).
 */
import { type ClassifierSource, PROVIDER_NAMES, type ProviderName } from '../../ports/classifier';
import { classifierFor, classifierTimeLimitMs, feedbackFor } from './registry';

/** `akismet,comprehend` → builtin (always there: it runs inside the function) and the known names among them. */
export function enabledProviders(value: string | undefined): ProviderName[] {
  const named = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is ProviderName => (PROVIDER_NAMES as readonly string[]).includes(name));
  return [...new Set<ProviderName>(['builtin', ...named])];
}

export function classifierSourceFromEnvironment(env: NodeJS.ProcessEnv = process.env): ClassifierSource {
  const enabled = enabledProviders(env.CLASSIFIERS);
  return {
    enabled,
    timeLimitMs: classifierTimeLimitMs(),
    classifier: (kind, provider, choice) => classifierFor(kind, provider, { sendPersonalData: choice.sendPersonalData }),
    feedback: (provider, choice) => feedbackFor(provider, { sendPersonalData: choice.sendPersonalData }),
  };
}
