/**
 * Privacy requests about one email address: export everything stored as a
 * JSON download, or erase it. The export is also how the page counts what
 * an erasure will touch, so the confirmation can say how many comments.
 */
import { h } from '../../shared/dom';
import { ApiError, type ModerationApi, type PrivacyExport } from '../api';
import type { ConsolePage } from './console-page';
import { textField } from './fields';
import { messageOf, pageNotice } from './notice';

const plural = (n: number) => (n === 1 ? 'one comment' : `${n} comments`);

function download(result: PrivacyExport): void {
  const blob = new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' });
  const link = h('a', {
    href: URL.createObjectURL(blob),
    // No address in the file name: names end up in download lists and sync folders.
    download: `privacy-export-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.json`,
    hidden: true,
  });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

async function whatEraseDoes(api: ModerationApi, count: number): Promise<string> {
  let mode: 'anonymise' | 'delete' | null = null;
  try {
    mode = (await api.settings()).eraseMode;
  } catch {
    // Say it without the detail rather than not at all.
  }
  if (count === 0) return 'No comments by this address are stored; erasing removes what else is kept about it.';
  const which = `${plural(count)} by this address`;
  if (mode === 'delete') return `This deletes ${which} for good.`;
  if (mode === 'anonymise') return `This anonymises ${which}: the name becomes “Anonymous”, website and email are removed, the text stays.`;
  return `This erases ${which} (as the “privacy erasure” setting says).`;
}

export const privacyPage: ConsolePage = {
  path: 'privacy',
  label: 'Privacy requests',
  mount(container, { api }) {
    const notice = pageNotice();
    const email = textField('privacy-email', 'Email address', {
      type: 'email',
      help: 'The address the request is about. Finding it changes nothing.',
    });
    const find = h(
      'form',
      { class: 'lookup-form', novalidate: true, role: 'search', 'aria-label': 'Find an address' },
      email.element,
      h('button', { type: 'submit', class: 'primary' }, 'Find'),
    );
    const summary = h('p', { class: 'privacy-summary', id: 'privacy-summary' });
    const downloadButton = h('button', { type: 'button', class: 'secondary' }, 'Download the export (JSON)');
    const eraseButton = h('button', { type: 'button', class: 'danger' }, 'Erase…');
    const result = h(
      'section',
      { class: 'privacy-result', hidden: true, 'aria-labelledby': 'privacy-summary' },
      summary,
      h('div', { class: 'form-actions' }, downloadButton, eraseButton),
    );

    const dialogText = h('p', { id: 'erase-dialog-text' });
    const confirm = h('button', { type: 'button', class: 'danger', value: 'erase' }, 'Erase');
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const dialog = h(
      'dialog',
      { class: 'confirm-dialog', 'aria-labelledby': 'erase-dialog-title', 'aria-describedby': 'erase-dialog-text' },
      h('h3', { id: 'erase-dialog-title' }, 'Erase this address’s data?'),
      dialogText,
      h('p', {}, 'Its counts and locks are removed too. This cannot be undone.'),
      h('div', { class: 'form-actions' }, confirm, cancel),
    );
    container.append(notice.element, find, result, dialog);

    let found: PrivacyExport | null = null;

    find.addEventListener('submit', (event) => {
      event.preventDefault();
      void (async () => {
        email.setError(null);
        notice.clear();
        result.hidden = true;
        found = null;
        const address = email.input.value.trim();
        if (!address) {
          email.setError('Enter the email address the request is about.');
          email.input.focus();
          return;
        }
        try {
          found = await api.privacyExport(address);
          const count = found.comments.length;
          summary.textContent =
            count === 0 ? 'No comments by this address are stored.' : `${plural(count).replace(/^one/, 'One')} by this address found.`;
          result.hidden = false;
          downloadButton.focus();
        } catch (error) {
          if (error instanceof ApiError && error.status === 422) email.setError(error.fields.email ?? error.message);
          else notice.error(messageOf(error));
          email.input.focus();
        }
      })();
    });

    downloadButton.addEventListener('click', () => {
      if (found) download(found);
    });

    eraseButton.addEventListener('click', () => {
      if (!found) return;
      const count = found.comments.length;
      confirm.textContent = count === 0 ? 'Erase' : `Erase ${plural(count)}`;
      dialogText.textContent = '…';
      dialog.showModal();
      cancel.focus();
      void whatEraseDoes(api, count).then((text) => (dialogText.textContent = text));
    });
    cancel.addEventListener('click', () => dialog.close());
    confirm.addEventListener('click', () => {
      const request = found;
      if (!request) return;
      dialog.close();
      void (async () => {
        try {
          const receipt = await api.privacyErase(request.email);
          found = null;
          result.hidden = true;
          notice.success(`Erased: ${plural(receipt.erased)} changed, and the address’s counts removed.`);
          email.input.focus();
        } catch (error) {
          notice.error(messageOf(error));
        }
      })();
    });

    return () => dialog.close();
  },
};
