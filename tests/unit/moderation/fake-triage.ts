/** A prepared learned triage for phase tests: fixed scores, signals and gate verdict, and what it was asked. */
import type { PreparedTriage, ProviderScores, TriageAssessment } from '../../../lambda/domain/ports/triage-scorer';
import type { TriageText } from '../../../lambda/domain/triage/learning';

export function fakeTriage(overrides: Partial<TriageAssessment> = {}) {
  const asked: { input: TriageText; provider: ProviderScores | undefined }[] = [];
  const triage: PreparedTriage = {
    assess(input, provider) {
      asked.push({ input, provider });
      const modelScores = overrides.modelScores ?? { remove: 0.1, spam: 0.05 };
      const scores = { ...modelScores, ...(provider?.remove === undefined ? {} : { remove: provider.remove }) };
      if (provider?.spam !== undefined) scores.spam = provider.spam;
      return {
        scores,
        modelScores,
        signals: [
          { head: 'remove', feature: 'word "minister"', weight: -0.4 },
          { head: 'spam', feature: 'first comment', weight: 0.3 },
        ],
        verdict: { decision: 'pending', auto: false, audit: false, message: 'pending: no decided comments of similar score yet' },
        ...overrides,
      };
    },
  };
  return { triage, asked };
}
