/**
 * Labelled form fields with a place for the API's message about them: the
 * error sits right under the field, is tied to it with aria-describedby and
 * marks it aria-invalid, as the comment form does for readers.
 */
import { h } from '../../shared/dom';

export interface Field {
  /** The wrapper: label, control, help and error. */
  element: HTMLElement;
  /** The control the error is about (an input, textarea, select or fieldset). */
  control: HTMLElement;
  setError(message: string | null): void;
}

function describedField(
  id: string,
  wrapper: HTMLElement,
  control: HTMLElement,
  help: string | undefined,
  describe: HTMLElement = control,
  /** aria-invalid is for controls, not for a fieldset. */
  canBeInvalid = true,
): Field {
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const helpText = help ? h('p', { class: 'field-help', id: helpId }, help) : null;
  // A group's help reads before its fields; a field's after its control.
  const legend = wrapper.querySelector(':scope > legend');
  if (helpText && legend) legend.after(helpText);
  else if (helpText) wrapper.append(helpText);
  wrapper.append(error);
  const describedBy = (withError: boolean) => [help ? helpId : '', withError ? errorId : ''].filter(Boolean).join(' ');
  if (help) describe.setAttribute('aria-describedby', describedBy(false));
  return {
    element: wrapper,
    control: describe,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      wrapper.classList.toggle('has-error', Boolean(message));
      if (message && canBeInvalid) describe.setAttribute('aria-invalid', 'true');
      else describe.removeAttribute('aria-invalid');
      const ids = describedBy(Boolean(message));
      if (ids) describe.setAttribute('aria-describedby', ids);
      else describe.removeAttribute('aria-describedby');
    },
  };
}

/** A text input (numbers too: the API, not the browser, says what is allowed, so its message is the one shown). */
export function textField(
  id: string,
  label: string,
  options: { help?: string; numeric?: boolean; decimal?: boolean; type?: string; autocomplete?: string } = {},
): Field & { input: HTMLInputElement } {
  const input = h('input', {
    id,
    name: id,
    type: options.type ?? 'text',
    // A phone's keyboard: digits only, or digits and a decimal separator.
    inputmode: options.decimal ? 'decimal' : options.numeric ? 'numeric' : undefined,
    autocomplete: options.autocomplete ?? 'off',
    class: options.numeric || options.decimal ? 'number' : undefined,
  });
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, label), input);
  return { ...describedField(id, wrapper, input, options.help), input };
}

export function textAreaField(id: string, label: string, help?: string): Field & { textarea: HTMLTextAreaElement } {
  const textarea = h('textarea', { id, name: id, rows: '5', spellcheck: 'false' });
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, label), textarea);
  return { ...describedField(id, wrapper, textarea, help), textarea };
}

export function checkboxField(id: string, label: string, help?: string): Field & { checkbox: HTMLInputElement } {
  const checkbox = h('input', { id, name: id, type: 'checkbox' });
  const wrapper = h('div', { class: 'field field-check' }, h('label', { class: 'check', for: id }, checkbox, ` ${label}`));
  return { ...describedField(id, wrapper, checkbox, help), checkbox };
}

export function selectField(
  id: string,
  label: string,
  choices: Array<{ value: string; label: string }>,
  help?: string,
): Field & { select: HTMLSelectElement } {
  const select = h('select', { id, name: id }, ...choices.map((c) => h('option', { value: c.value }, c.label)));
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, label), select);
  return { ...describedField(id, wrapper, select, help), select };
}

/** A group of fields the API reports on as one key (`autoApprove`, `retention`). */
export function fieldGroup(id: string, legend: string, fields: Field[], help?: string): Field {
  const fieldset = h('fieldset', { class: 'field-group', id }, h('legend', {}, legend), ...fields.map((f) => f.element));
  return describedField(id, fieldset, fieldset, help, fieldset, false);
}

/** "12" → 12; "" → null; anything else is sent as typed, so the API's message explains it. */
export function numberOrNull(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** "0.4" (or "0,4", as many keyboards type it) → 0.4; "" → null; anything else is sent as typed, for the API to explain. */
export function decimalOrNull(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const dotted = trimmed.replace(',', '.');
  return /^-?(\d+\.?\d*|\.\d+)$/.test(dotted) ? Number(dotted) : trimmed;
}

export const numberText = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** One entry per line; blank lines dropped. */
export const lines = (value: string): string[] =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
