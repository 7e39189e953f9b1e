/**
 * Settings: every site setting in one form. The API checks the values and
 * answers 422 with a message per setting; each is shown under its field.
 * The form sends the version it loaded, so a save made by someone else in
 * between is a 409: the page says so, keeps the moderator's edits on screen
 * and offers to load the current settings.
 */
import { h } from '../../shared/dom';
import { ApiError, type SiteSettings } from '../api';
import type { ConsolePage } from './console-page';
import { checkboxField, fieldGroup, lines, numberOrNull, numberText, selectField, textAreaField, textField, type Field } from './fields';
import { messageOf, pageNotice } from './notice';
import { triageAndReportsFields } from './settings-triage';

const PREMODERATION = [
  { value: 'true', label: 'wait for a person' },
  { value: 'auto', label: 'are decided automatically where the triage is sure; the rest wait' },
  { value: 'false', label: 'are published unless a rule holds them' },
];
const premoderationFrom = (value: string): boolean | 'auto' => (value === 'auto' ? 'auto' : value === 'true');

const WORDS_HELP =
  'One per line, matched in the text, name and website, ignoring case and accents. word: whole words; *word*: anywhere; word*: at the start of a word; *word: at its end.';

function settingsForm() {
  const premoderation = selectField(
    'premoderation',
    'New comments',
    PREMODERATION,
    'Automatic: published, rejected or marked spam without a person only where the site’s own decisions show the triage is sure (see “Automatic decisions” below); everything else waits for a person.',
  );
  const maxLinks = textField('maxLinks', 'Hold comments with at least this many links', { numeric: true, help: '0 turns the rule off.' });
  const moderationWords = textAreaField('moderationWords', 'Hold comments containing', WORDS_HELP);
  const disallowedWords = textAreaField('disallowedWords', 'Mark as spam comments containing', WORDS_HELP);
  const floodSeconds = textField('floodSeconds', 'Seconds between two comments from one address or email', {
    numeric: true,
    help: '0 turns flood control off.',
  });
  const autoEnabled = checkboxField('autoApprove-enabled', 'Publish comments from trusted authors at once');
  const minApproved = textField('autoApprove-minApproved', 'Approved comments that make an author trusted', { numeric: true });
  const windowDays = textField('autoApprove-windowDays', 'Count only comments of the last … days', {
    numeric: true,
    help: 'Empty: all time.',
  });
  const autoApprove = fieldGroup(
    'autoApprove',
    'Auto-approve',
    [autoEnabled, minApproved, windowDays],
    'Trusted: enough approved comments and none rejected or spam.',
  );
  const closeAfterDays = textField('closeAfterDays', 'Close comments this many days after publication', {
    numeric: true,
    help: 'Counted from the article’s publication date, or its first comment. Empty: never.',
  });
  const eraseMode = selectField('eraseMode', 'A privacy erasure', [
    { value: 'anonymise', label: 'anonymises: keeps the text, removes name, website and email' },
    { value: 'delete', label: 'deletes the comments' },
  ]);
  const spamDays = textField('retention-spamDays', 'Delete spam after … days', { numeric: true });
  const rejectedDays = textField('retention-rejectedDays', 'Delete rejected comments after … days', { numeric: true });
  const retention = fieldGroup('retention', 'Retention', [spamDays, rejectedDays], 'Empty keeps them.');
  const triageAndReports = triageAndReportsFields();

  /** The older settings, in page order, by the API key their messages come under. */
  const siteFields = {
    premoderation,
    maxLinks,
    moderationWords,
    disallowedWords,
    floodSeconds,
    autoApprove,
    closeAfterDays,
    eraseMode,
    retention,
  };
  const sections: Field[] = Object.values(siteFields);
  /** The API's keys → where their messages go. */
  const byKey: Record<string, Field> = { ...siteFields, ...triageAndReports.byKey };

  return {
    /** The form's parts, in page order. */
    sections: [...sections, ...triageAndReports.sections],
    /** Every field that can show an error. */
    fields: [...sections, ...triageAndReports.fields],
    /** The field an API key's message belongs to: the most specific one named (`triage.toxicity.provider`, else `triage`). */
    fieldFor(key: string): Field | undefined {
      const parts = key.split('.');
      for (let n = parts.length; n > 0; n -= 1) {
        const field = byKey[parts.slice(0, n).join('.')];
        if (field) return field;
      }
      return undefined;
    },
    fill(s: SiteSettings) {
      premoderation.select.value = String(s.premoderation);
      maxLinks.input.value = numberText(s.maxLinks);
      moderationWords.textarea.value = s.moderationWords.join('\n');
      disallowedWords.textarea.value = s.disallowedWords.join('\n');
      floodSeconds.input.value = numberText(s.floodSeconds);
      autoEnabled.checkbox.checked = s.autoApprove.enabled;
      minApproved.input.value = numberText(s.autoApprove.minApproved);
      windowDays.input.value = numberText(s.autoApprove.windowDays);
      closeAfterDays.input.value = numberText(s.closeAfterDays);
      eraseMode.select.value = s.eraseMode;
      spamDays.input.value = numberText(s.retention.spamDays);
      rejectedDays.input.value = numberText(s.retention.rejectedDays);
      triageAndReports.fill(s);
    },
    patch(): Record<string, unknown> {
      return {
        premoderation: premoderationFrom(premoderation.select.value),
        maxLinks: numberOrNull(maxLinks.input.value),
        moderationWords: lines(moderationWords.textarea.value),
        disallowedWords: lines(disallowedWords.textarea.value),
        floodSeconds: numberOrNull(floodSeconds.input.value),
        autoApprove: {
          enabled: autoEnabled.checkbox.checked,
          minApproved: numberOrNull(minApproved.input.value),
          windowDays: numberOrNull(windowDays.input.value),
        },
        closeAfterDays: numberOrNull(closeAfterDays.input.value),
        eraseMode: eraseMode.select.value,
        retention: { spamDays: numberOrNull(spamDays.input.value), rejectedDays: numberOrNull(rejectedDays.input.value) },
        ...triageAndReports.patch(),
      };
    },
  };
}

export const settingsPage: ConsolePage = {
  path: 'settings',
  label: 'Settings',
  mount(container, { api }) {
    const form = settingsForm();
    const notice = pageNotice();
    const reload = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load the current settings');
    const save = h('button', { type: 'submit', class: 'primary' }, 'Save settings');
    const element = h(
      'form',
      { class: 'settings-form', novalidate: true, 'aria-busy': 'true' },
      ...form.sections.map((f) => f.element),
      h('div', { class: 'form-actions' }, save, reload),
    );
    container.append(notice.element, element);
    let version: number | null = null;

    const clearErrors = () => {
      for (const field of form.fields) field.setError(null);
    };

    async function load(): Promise<void> {
      element.setAttribute('aria-busy', 'true');
      try {
        const settings = await api.settings();
        form.fill(settings);
        version = settings.version;
        clearErrors();
        reload.hidden = true;
        save.disabled = false;
      } catch (error) {
        notice.error(messageOf(error));
      } finally {
        element.setAttribute('aria-busy', 'false');
      }
    }

    element.addEventListener('submit', (event) => {
      event.preventDefault();
      void (async () => {
        if (version === null) return;
        clearErrors();
        save.disabled = true;
        try {
          const saved = await api.saveSettings({ ...form.patch(), version });
          form.fill(saved);
          version = saved.version;
          notice.success('Settings saved. New comments follow them from now on.');
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) {
            notice.error(
              'Someone else saved the settings while you were editing them, so yours were not saved. Load the current settings, then make your change again.',
            );
            reload.hidden = false;
            reload.focus();
            return;
          }
          if (error instanceof ApiError && error.status === 422) showFieldErrors(error.fields);
          else notice.error(messageOf(error));
        } finally {
          save.disabled = !reload.hidden;
        }
      })();
    });

    function showFieldErrors(fields: Record<string, string>): void {
      const unplaced: string[] = [];
      let first: Field | undefined;
      for (const [key, message] of Object.entries(fields)) {
        const field = form.fieldFor(key);
        if (!field) {
          unplaced.push(`${key}: ${message}`);
          continue;
        }
        field.setError(message);
        first ??= field;
      }
      const count = Object.keys(fields).length;
      notice.error(
        [`Nothing was saved: ${count === 1 ? 'one setting needs' : `${count} settings need`} correcting.`, ...unplaced].join(' '),
      );
      first?.control.focus();
    }

    reload.addEventListener('click', () => {
      notice.clear();
      void load().then(() => element.querySelector<HTMLElement>('input, textarea, select')?.focus());
    });
    void load();
    return () => {};
  },
};
