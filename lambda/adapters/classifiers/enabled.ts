/**
 * Which classifier providers this deployment enabled, from `CLASSIFIERS`.
 * Apart from the registry, so a function that only validates settings (which
 * may name only enabled providers) bundles no classifier.
 */
import { envString } from '../../environment';
import { PROVIDER_NAMES, type ProviderName } from '../../domain/ports/classifier';

/** `akismet,comprehend` → builtin (always there: it runs inside the function) and the known names among them. */
export function enabledProviders(value: string | undefined): ProviderName[] {
  const named = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is ProviderName => (PROVIDER_NAMES as readonly string[]).includes(name));
  return [...new Set<ProviderName>(['builtin', ...named])];
}

export const enabledProvidersFromEnvironment = (): ProviderName[] => enabledProviders(envString('CLASSIFIERS'));
