/** The Ban dialog: ban a comment's email, the address it came from, or both, for some days or for good, with a reason. */
import { h } from '../shared/dom';
import type { Ban, BanScope, ModerationApi, ModeratorComment } from './api';

export class BanDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly form: HTMLFormElement;
  private readonly scope: HTMLSelectElement;
  private readonly days: HTMLInputElement;
  private readonly reason: HTMLInputElement;
  private readonly error: HTMLParagraphElement;
  private readonly subject: HTMLParagraphElement;
  private comment: ModeratorComment | undefined;

  constructor(
    host: HTMLElement,
    private readonly api: ModerationApi,
    private readonly onBanned: (ban: Ban, comment: ModeratorComment) => void,
  ) {
    this.scope = h(
      'select',
      { id: 'ban-scope', name: 'scope' },
      h('option', { value: 'both' }, 'Email and address'),
      h('option', { value: 'email' }, 'Email only'),
      h('option', { value: 'address' }, 'Address only'),
    );
    this.days = h('input', {
      id: 'ban-days',
      name: 'days',
      type: 'number',
      min: '1',
      max: '3650',
      inputmode: 'numeric',
      placeholder: 'never ends',
    });
    this.reason = h('input', { id: 'ban-reason', name: 'reason', type: 'text', maxlength: '500' });
    this.error = h('p', { class: 'ban-error', role: 'alert' });
    this.subject = h('p', { class: 'ban-subject' });
    const cancel = h('button', { type: 'button' }, 'Cancel');
    this.form = h(
      'form',
      { class: 'ban-form' },
      this.subject,
      h('p', {}, h('label', { for: 'ban-scope' }, 'Ban'), ' ', this.scope),
      h('p', {}, h('label', { for: 'ban-days' }, 'Days (empty: never ends)'), ' ', this.days),
      h('p', {}, h('label', { for: 'ban-reason' }, 'Reason'), ' ', this.reason),
      this.error,
      h('p', {}, h('button', { type: 'submit', class: 'action action-ban' }, 'Ban'), ' ', cancel),
    );
    this.dialog = h(
      'dialog',
      { class: 'ban-dialog', 'aria-labelledby': 'ban-title' },
      h('h2', { id: 'ban-title' }, 'Ban this author'),
      this.form,
    );
    host.append(this.dialog);
    cancel.addEventListener('click', () => this.dialog.close());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  open(comment: ModeratorComment): void {
    this.comment = comment;
    this.form.reset();
    this.error.textContent = '';
    this.subject.textContent = `The author of “${comment.comment.slice(0, 80)}” (${comment.email ?? 'no email'})`;
    this.dialog.showModal();
    this.scope.focus();
  }

  private async submit(): Promise<void> {
    const comment = this.comment;
    if (!comment) return;
    const days = this.days.value.trim() === '' ? null : Number(this.days.value);
    try {
      const ban = await this.api.ban(comment.id, { scope: this.scope.value as BanScope, days, reason: this.reason.value.trim() });
      this.dialog.close();
      this.onBanned(ban, comment);
    } catch (error) {
      this.error.textContent = error instanceof Error ? error.message : 'The ban could not be saved.';
    }
  }
}
