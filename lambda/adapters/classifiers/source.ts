/**
 * The classifiers this deployment may call, from the environment the stack
 * sets: `CLASSIFIERS` (the providers `-c classifiers=...` enabled, default
 * `builtin`) and `CLASSIFIER_TIME_LIMIT_MS` (default 800).
 */
import type { ClassifierSource } from '../../domain/ports/classifier';
import { enabledProvidersFromEnvironment } from './enabled';
import { classifierFor, classifierTimeLimitMs, feedbackFor } from './registry';

export { enabledProviders } from './enabled';

export function classifierSourceFromEnvironment(): ClassifierSource {
  const enabled = enabledProvidersFromEnvironment();
  return {
    enabled,
    timeLimitMs: classifierTimeLimitMs(),
    classifier: (kind, provider, choice) => classifierFor(kind, provider, { sendPersonalData: choice.sendPersonalData }),
    feedback: (provider, choice) => feedbackFor(provider, { sendPersonalData: choice.sendPersonalData }),
  };
}
