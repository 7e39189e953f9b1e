/** The classifiers every deployment has: `builtin` only, offline (the default when nothing else is wired). */
import type { ClassifierSource } from '../ports/classifier';
import { builtinSpam, builtinToxicity } from './builtin';
import { DEFAULT_TIME_LIMIT_MS } from './run-classifier';

export const BUILTIN_ONLY: ClassifierSource = {
  enabled: ['builtin'],
  timeLimitMs: DEFAULT_TIME_LIMIT_MS,
  classifier(kind, provider) {
    if (provider !== 'builtin') throw new Error(`${provider} is not enabled in this deployment`);
    return kind === 'spam' ? builtinSpam : builtinToxicity;
  },
  feedback: () => null,
};
