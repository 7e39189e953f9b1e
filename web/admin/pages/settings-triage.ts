/**
 * The Settings page's newer sections: the automated triage (which provider
 * scores spam and toxicity, the toxicity score that holds, and the bounds of
 * automatic decisions) and readers' reports (how many readers send a comment
 * back to the queue). Kept apart from settings.ts so each file reads in one sitting.
 */
import type { SiteSettings } from '../api';
import { checkboxField, decimalOrNull, fieldGroup, numberOrNull, numberText, selectField, textField, type Field } from './fields';

/** The select's value for "off": the API's null. */
const OFF = '';

const TRIAGE_HELP =
  'builtin runs inside the service, with no account. The others work only where the stack was deployed with them enabled (npx cdk deploy -c classifiers=builtin,akismet,comprehend,guardrails; see “Automated triage” in the README). Off: no classifier of that kind.';

export function triageAndReportsFields() {
  const spamProvider = selectField('triage-spam-provider', 'Spam classifier', [
    { value: 'builtin', label: 'builtin' },
    { value: 'akismet', label: 'Akismet' },
    { value: OFF, label: 'off' },
  ]);
  const sendPersonalData = checkboxField(
    'triage-spam-sendPersonalData',
    'Send Akismet the reader’s email, address and browser',
    'Off: Akismet receives the text, name and website only. No other classifier ever receives them.',
  );
  const toxicityProvider = selectField('triage-toxicity-provider', 'Toxicity classifier', [
    { value: 'builtin', label: 'builtin' },
    { value: 'comprehend', label: 'Amazon Comprehend' },
    { value: 'guardrails', label: 'Bedrock Guardrails' },
    { value: OFF, label: 'off' },
  ]);
  const holdAt = textField('triage-toxicity-holdAt', 'Hold comments whose toxicity score is at least', {
    decimal: true,
    help: 'From 0 to 1, e.g. 0.5. Used when new comments are published unless a rule holds them.',
  });
  const triage = fieldGroup('triage', 'Automated triage', [spamProvider, sendPersonalData, toxicityProvider, holdAt], TRIAGE_HELP);

  const maxError = textField('triage-autoDecide-maxError', 'Largest error an automatic decision may have', {
    decimal: true,
    help: 'From 0 to 0.1; 0.01 is one wrong decision in a hundred, judged by a cautious upper bound.',
  });
  const audit = textField('triage-autoDecide-audit', 'Share of automatic decisions a person checks anyway', {
    decimal: true,
    help: 'From 0 to 0.5; these audits keep the error estimate honest.',
  });
  const minExamples = textField('triage-autoDecide-minExamples', 'Decided comments of similar score needed first', {
    numeric: true,
    help: 'A whole number from 1 to 1000000.',
  });
  const autoDecide = fieldGroup(
    'triage-autoDecide',
    'Automatic decisions',
    [maxError, audit, minExamples],
    'Used when new comments are decided automatically. A new site decides nothing until its moderators’ decisions show the bound holds.',
  );

  const threshold = textField('reports-threshold', 'Reports from different readers that send a published comment back to the queue', {
    numeric: true,
    help: 'A whole number from 1 to 1000. Empty: readers cannot report comments.',
  });
  const reports = fieldGroup('reports', 'Readers’ reports', [threshold]);

  /**
   * The API's keys → where their messages go. A malformed section is one key
   * (`triage`, `triage.autoDecide`, `reports`); the checks across settings
   * name the field (`triage.spam.provider`).
   */
  const byKey: Record<string, Field> = {
    triage,
    'triage.spam.provider': spamProvider,
    'triage.toxicity.provider': toxicityProvider,
    'triage.autoDecide': autoDecide,
    reports: threshold,
  };

  return {
    fields: [
      triage,
      spamProvider,
      sendPersonalData,
      toxicityProvider,
      holdAt,
      autoDecide,
      maxError,
      audit,
      minExamples,
      reports,
      threshold,
    ],
    /** The outermost elements, in page order. */
    sections: [triage, autoDecide, reports],
    byKey,
    fill(s: SiteSettings) {
      spamProvider.select.value = s.triage.spam.provider ?? OFF;
      sendPersonalData.checkbox.checked = s.triage.spam.sendPersonalData;
      toxicityProvider.select.value = s.triage.toxicity.provider ?? OFF;
      holdAt.input.value = numberText(s.triage.toxicity.holdAt);
      maxError.input.value = numberText(s.triage.autoDecide.maxError);
      audit.input.value = numberText(s.triage.autoDecide.audit);
      minExamples.input.value = numberText(s.triage.autoDecide.minExamples);
      threshold.input.value = numberText(s.reports.threshold);
    },
    patch() {
      return {
        triage: {
          spam: { provider: spamProvider.select.value || null, sendPersonalData: sendPersonalData.checkbox.checked },
          toxicity: {
            provider: toxicityProvider.select.value || null,
            holdAt: decimalOrNull(holdAt.input.value),
          },
          autoDecide: {
            maxError: decimalOrNull(maxError.input.value),
            audit: decimalOrNull(audit.input.value),
            minExamples: numberOrNull(minExamples.input.value),
          },
        },
        reports: { threshold: numberOrNull(threshold.input.value) },
      };
    },
  };
}
