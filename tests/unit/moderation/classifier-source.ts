/** A classifier source for phase tests: fixed verdicts, failures or hangs per provider, and what each was sent. */
import type { Classifier, ClassifierInput, ClassifierSource, ProviderName, Verdict } from '../../../lambda/domain/ports/classifier';

export type Behaviour = { score: number; signal?: string } | 'fail' | 'hang';

export function fakeSource(behaviours: Partial<Record<ProviderName, Behaviour>>, timeLimitMs = 50) {
  const sent: { provider: ProviderName; input: ClassifierInput }[] = [];
  const source: ClassifierSource = {
    enabled: Object.keys(behaviours) as ProviderName[],
    timeLimitMs,
    classifier(kind, provider): Classifier {
      return {
        kind,
        provider,
        classify(input, signal) {
          sent.push({ provider, input });
          const behaviour = behaviours[provider];
          if (behaviour === 'fail' || behaviour === undefined) return Promise.reject(new Error('ThrottlingException'));
          if (behaviour === 'hang') return new Promise<Verdict>(() => signal.addEventListener('abort', () => undefined));
          return Promise.resolve({ score: behaviour.score, signal: behaviour.signal ?? 'none', provider });
        },
      };
    },
    feedback: () => null,
  };
  return { source, sent };
}
