/**
 * Takes over the classic form (form-markup.ts): checks the server's own
 * rules before sending, shows field errors accessibly, sends JSON, reports
 * the outcome, remembers the reader only with their consent, and moves
 * under a comment to reply to it (as WordPress does).
 */
import { validateSubmission, type ValidSubmission } from '../../lambda/domain/submission-rules';
import { h } from '../shared/dom';
import { newIdempotencyKey, type CommentApi, type SubmitOutcome } from './api';
import type { ListedComment } from './comment-list';
import { AWAITING_MODERATION, PUBLISHED } from './form-markup';
import { forgetIdentity, loadIdentity, saveIdentity } from './reader-storage';

/** The fields in the order the form shows them: the first failing one gets focus. */
const FIELDS = ['comment', 'author', 'email', 'url'] as const;
type FieldName = (typeof FIELDS)[number];
type FieldElement = HTMLInputElement | HTMLTextAreaElement;

export function correctionMessage(count: number): string {
  return `Please correct ${count === 1 ? 'the highlighted field' : 'the highlighted fields'}.`;
}

export class CommentForm {
  private readonly form: HTMLFormElement;
  private readonly status: HTMLElement;
  private readonly fields: Record<FieldName, FieldElement>;
  private readonly consent: HTMLInputElement;
  private readonly honeypot: HTMLInputElement;
  private readonly notifyReplies: HTMLInputElement;
  private readonly parent: HTMLInputElement;
  private readonly submitButton: HTMLInputElement;
  private readonly titleText: HTMLElement;
  private readonly cancelReply: HTMLAnchorElement;
  /** Marks the form's home while it sits under a comment. */
  private readonly home = h('div', { hidden: true, class: 'comment-respond-home' });
  private idempotencyKey: string | null = null;
  private sending = false;

  constructor(
    readonly respond: HTMLElement,
    private readonly api: CommentApi,
    private readonly onStored: (comment: ListedComment) => void,
  ) {
    const find = <T extends Element>(selector: string) => respond.querySelector<T>(selector)!;
    this.form = find<HTMLFormElement>('form');
    this.status = find<HTMLElement>('.comment-form-status');
    this.fields = { comment: find('#comment'), author: find('#author'), email: find('#email'), url: find('#url') };
    this.consent = find<HTMLInputElement>('#wp-comment-cookies-consent');
    this.honeypot = find<HTMLInputElement>('#website_confirm');
    this.notifyReplies = find<HTMLInputElement>('#notify_replies');
    this.parent = find<HTMLInputElement>('#comment_parent');
    this.submitButton = find<HTMLInputElement>('#submit');
    this.titleText = find<HTMLElement>('.comment-reply-title-text');
    this.cancelReply = find<HTMLAnchorElement>('#cancel-comment-reply-link');

    // Our own accessible messages replace the browser's bubbles.
    this.form.noValidate = true;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.cancelReply.addEventListener('click', (event) => {
      event.preventDefault();
      this.stopReplying();
      this.fields.comment.focus();
    });
    this.consent.addEventListener('change', () => {
      if (!this.consent.checked) forgetIdentity();
    });
    this.restoreIdentity();
  }

  /** The comment being replied to, if any. */
  get replyingTo(): string | null {
    return this.parent.value === '0' ? null : this.parent.value;
  }

  showStatus(kind: 'success' | 'error' | 'info', text: string): void {
    this.status.className = `comment-form-status is-${kind}`;
    this.status.textContent = text;
  }

  /** Moves the form under a comment's body and aims the next post at it. */
  replyTo(commentId: string, author: string, commentBody: Element, focus = true): void {
    if (!this.home.isConnected) this.respond.before(this.home);
    commentBody.after(this.respond);
    this.parent.value = commentId;
    this.titleText.textContent = `Leave a Reply to ${author}`;
    this.cancelReply.hidden = false;
    if (focus) this.fields.comment.focus();
  }

  stopReplying(): void {
    if (this.home.isConnected) this.home.replaceWith(this.respond);
    this.parent.value = '0';
    this.titleText.textContent = 'Leave a Reply';
    this.cancelReply.hidden = true;
  }

  private restoreIdentity(): void {
    const saved = loadIdentity();
    if (!saved) return;
    this.fields.author.value = saved.author;
    this.fields.email.value = saved.email;
    this.fields.url.value = saved.url;
    this.consent.checked = true;
  }

  private async submit(): Promise<void> {
    if (this.sending) return;
    const input = {
      comment: this.fields.comment.value,
      author: this.fields.author.value,
      email: this.fields.email.value,
      url: this.fields.url.value,
      parentId: this.replyingTo,
      website_confirm: this.honeypot.value,
      ...(this.offersReplyMail && this.notifyReplies.checked ? { notify_replies: 'yes' as const } : {}),
    };
    const check = validateSubmission(input);
    if (!check.ok) {
      this.showFieldErrors(check.fields, correctionMessage(Object.keys(check.fields).length));
      return;
    }
    this.showFieldErrors({}, null);
    this.setSending(true);
    const outcome = await this.api.submit(input, (this.idempotencyKey ??= newIdempotencyKey()));
    this.setSending(false);
    if (outcome.kind !== 'failed') this.idempotencyKey = null;
    this.report(outcome, check.value);
  }

  /** Shown only where the deployment can send mail (the comment list says so); unchecked by default. */
  offerReplyMail(): void {
    this.notifyReplies.closest('p')!.hidden = false;
  }

  private get offersReplyMail(): boolean {
    return !this.notifyReplies.closest('p')!.hidden;
  }

  private report(outcome: SubmitOutcome, sent: ValidSubmission): void {
    switch (outcome.kind) {
      case 'stored': {
        if (this.consent.checked) saveIdentity({ author: sent.author, email: sent.email, url: sent.url ?? '' });
        else forgetIdentity();
        const pending = outcome.status === 'pending';
        this.onStored({
          id: outcome.id,
          parentId: sent.parentId,
          author: sent.author,
          url: sent.url,
          comment: sent.comment,
          createdAt: outcome.createdAt,
          awaitingModeration: pending,
        });
        this.fields.comment.value = '';
        this.stopReplying();
        this.showStatus('success', pending ? AWAITING_MODERATION : PUBLISHED);
        return;
      }
      case 'invalid':
        this.showFieldErrors(outcome.fields, outcome.message);
        return;
      case 'refused':
        if (outcome.status === 429) {
          const wait = outcome.retryAfterSeconds ?? 15;
          this.showStatus(
            'error',
            `You are posting comments too quickly. Please wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and try again.`,
          );
        } else this.showStatus('error', outcome.message);
        return;
      case 'failed':
        this.showStatus('error', 'Your comment could not be sent. Please check your connection and try again.');
    }
  }

  /** Marks each failing field (aria-invalid + a described message), announces the summary, focuses the first. */
  private showFieldErrors(errors: Record<string, string>, summary: string | null): void {
    let first: FieldElement | null = null;
    for (const name of FIELDS) {
      const field = this.fields[name];
      const errorId = `commentform-${name}-error`;
      this.respond.querySelector(`#${errorId}`)?.remove();
      const described = (field.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== errorId);
      const message = errors[name];
      if (message) {
        field.after(h('span', { id: errorId, class: 'comment-field-error' }, message));
        field.setAttribute('aria-invalid', 'true');
        described.push(errorId);
        first ??= field;
      } else field.removeAttribute('aria-invalid');
      if (described.length) field.setAttribute('aria-describedby', described.join(' '));
      else field.removeAttribute('aria-describedby');
    }
    // Errors on fields the reader cannot edit (the reply target) go into the summary.
    const other = Object.entries(errors)
      .filter(([name]) => !(FIELDS as readonly string[]).includes(name))
      .map(([, message]) => message);
    if (summary !== null) this.showStatus('error', [summary, ...other].join(' '));
    first?.focus();
  }

  private setSending(sending: boolean): void {
    this.sending = sending;
    this.submitButton.disabled = sending;
    this.form.setAttribute('aria-busy', String(sending));
    if (sending) this.showStatus('info', 'Posting your comment…');
  }
}
