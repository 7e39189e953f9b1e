/**
 * Applying a parsed settings or article patch, and the check a single field
 * cannot make. No schema library here: the functions that only read settings
 * import this module, not the schemas (settings-schema.ts, article-schema.ts),
 * which the two PUT handlers parse with.
 */
import { PROVIDERS, type ProviderName } from './ports/classifier';
import type { ArticleSettings, SiteSettings } from './settings';
import type { ArticlePatch } from './article-schema';
import type { SettingsPatch } from './settings-schema';

export function applySettingsPatch(current: SiteSettings, patch: SettingsPatch): SiteSettings {
  const { version: _version, autoApprove, retention, triage: triagePatch, reports, ...rest } = patch;
  return {
    ...current,
    ...rest,
    autoApprove: { ...current.autoApprove, ...(autoApprove ?? {}) },
    retention: { ...current.retention, ...(retention ?? {}) },
    triage: {
      spam: { ...current.triage.spam, ...(triagePatch?.spam ?? {}) },
      toxicity: { ...current.triage.toxicity, ...(triagePatch?.toxicity ?? {}) },
      autoDecide: { ...current.triage.autoDecide, ...(triagePatch?.autoDecide ?? {}) },
    },
    reports: { ...current.reports, ...(reports ?? {}) },
    version: current.version + 1,
  };
}

/**
 * What the whole settings say that a single field cannot: only providers
 * this deployment enabled (the stack's `-c classifiers=...`). Field errors,
 * empty when all is well. (holdAt and rejectAt need no order: no score
 * removes a comment any more, so rejectAt decides nothing.)
 */
export function triageErrors(settings: SiteSettings, enabled: readonly ProviderName[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const { spam, toxicity } = settings.triage;
  for (const [kind, provider] of [
    ['spam', spam.provider],
    ['toxicity', toxicity.provider],
  ] as const) {
    if (provider === null || enabled.includes(provider)) continue;
    const choices = [...PROVIDERS[kind].filter((p) => enabled.includes(p)), 'null'].join(', ');
    fields[`triage.${kind}.provider`] =
      `${provider} is not enabled in this deployment (deploy with -c classifiers=...,${provider}); choose one of: ${choices}.`;
  }
  return fields;
}

export function applyArticlePatch(current: ArticleSettings, patch: ArticlePatch): ArticleSettings {
  const { articleId: _articleId, ...rest } = patch;
  return { ...current, ...rest };
}
