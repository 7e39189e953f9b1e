/**
 * The "Report" dialog under a published comment: four reasons and an
 * optional note, then a thank-you. A native <dialog> opened modally keeps
 * focus inside, closes on Escape and returns focus to the Report link.
 */
import { REPORT_NOTE_MAX_BYTES, REPORT_REASONS, type ReportReason } from '../../lambda/domain/reports';
import { h } from '../shared/dom';

const LABELS: Record<ReportReason, string> = {
  spam: 'Spam or advertising',
  abuse: 'Abusive or hateful',
  'off-topic': 'Off-topic',
  other: 'Something else',
};

export type ReportSender = (
  commentId: string,
  reason: ReportReason,
  note: string,
) => Promise<{ ok: true } | { ok: false; message: string }>;

export class ReportDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly form: HTMLFormElement;
  private readonly note: HTMLTextAreaElement;
  private readonly error: HTMLParagraphElement;
  private readonly thanks: HTMLDivElement;
  private readonly send: HTMLButtonElement;
  private commentId = '';
  private opener: HTMLElement | null = null;

  constructor(
    host: HTMLElement,
    private readonly sender: ReportSender,
  ) {
    const options = REPORT_REASONS.map((reason) =>
      h(
        'label',
        { class: 'report-reason' },
        h('input', { type: 'radio', name: 'reason', value: reason, required: true }),
        ' ',
        LABELS[reason],
      ),
    );
    this.note = h('textarea', { id: 'report-note', name: 'note', rows: '3', maxlength: String(REPORT_NOTE_MAX_BYTES) });
    this.error = h('p', { class: 'report-error', role: 'alert' });
    this.send = h('button', { type: 'submit', class: 'report-send' }, 'Send report');
    const cancel = h('button', { type: 'button', class: 'report-cancel' }, 'Cancel');
    this.form = h(
      'form',
      { class: 'report-form', novalidate: true },
      h('fieldset', {}, h('legend', {}, 'Why should moderators look at this comment?'), ...options),
      h('p', {}, h('label', { for: 'report-note' }, 'Note (optional)'), h('br'), this.note),
      this.error,
      h('p', { class: 'report-actions' }, this.send, ' ', cancel),
    );
    const close = h('button', { type: 'button', class: 'report-close' }, 'Close');
    this.thanks = h(
      'div',
      { class: 'report-thanks', hidden: true },
      h('p', { role: 'status' }, 'Thank you. A moderator will look at this comment.'),
      h('p', {}, close),
    );
    this.dialog = h(
      'dialog',
      { class: 'report-dialog', 'aria-labelledby': 'report-title' },
      h('h2', { id: 'report-title' }, 'Report this comment'),
      this.form,
      this.thanks,
    );
    host.append(this.dialog);
    cancel.addEventListener('click', () => this.dialog.close());
    close.addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => this.opener?.focus());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  open(commentId: string, opener: HTMLElement): void {
    this.commentId = commentId;
    this.opener = opener;
    this.form.reset();
    this.form.hidden = false;
    this.thanks.hidden = true;
    this.error.textContent = '';
    this.send.disabled = false;
    this.dialog.showModal();
    this.form.querySelector<HTMLInputElement>('input[name="reason"]')?.focus();
  }

  private async submit(): Promise<void> {
    const chosen = this.form.querySelector<HTMLInputElement>('input[name="reason"]:checked');
    if (!chosen) {
      this.error.textContent = 'Choose a reason.';
      this.form.querySelector<HTMLInputElement>('input[name="reason"]')?.focus();
      return;
    }
    if (new TextEncoder().encode(this.note.value.trim()).length > REPORT_NOTE_MAX_BYTES) {
      this.error.textContent = `The note may be at most ${REPORT_NOTE_MAX_BYTES} bytes.`;
      this.note.focus();
      return;
    }
    this.send.disabled = true;
    this.error.textContent = '';
    const result = await this.sender(this.commentId, chosen.value as ReportReason, this.note.value.trim());
    this.send.disabled = false;
    if (!result.ok) {
      this.error.textContent = result.message;
      return;
    }
    this.form.hidden = true;
    this.thanks.hidden = false;
    this.thanks.querySelector<HTMLButtonElement>('.report-close')?.focus();
  }
}
