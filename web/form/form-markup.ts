/**
 * WordPress's classic comment form (the defaults of its comment_form()
 * template function), as one HTML string. The article
 * page renders it on the server so it works without JavaScript; the script
 * renders the same string and then takes it over. It holds no reader data:
 * only the action URL, the page URL and an outcome message, all escaped.
 */
import { LIMITS } from '../../lambda/domain/submission-rules';
import { escapeHtml } from '../../lambda/domain/text-patterns';

export interface FormOutcome {
  kind: 'success' | 'error';
  text: string;
}

export interface FormMarkupOptions {
  /** Where the plain form posts: `<api>/articles/<id>/comments`. */
  action: string;
  /** The page to come back to after a plain (no-JavaScript) post. */
  redirectTo?: string;
  /** A message to show above the form (the outcome of a plain post). */
  outcome?: FormOutcome | null;
  /** Show "Notify me of follow-up comments by email" (the script shows it when the list says mail can be sent). */
  replyNotifications?: boolean;
}

/** The outcome of a plain (no-JavaScript) post, which the API carries back in the page address. */
export function outcomeFromQuery(query: URLSearchParams): FormOutcome | null {
  const error = query.get('comment_error');
  if (error) return { kind: 'error', text: error.slice(0, 500) };
  const status = query.get('comment_status');
  if (status === 'pending') return { kind: 'success', text: AWAITING_MODERATION };
  if (status === 'approved') return { kind: 'success', text: PUBLISHED };
  return null;
}

export const AWAITING_MODERATION = 'Thank you! Your comment is awaiting moderation.';
export const PUBLISHED = 'Thank you! Your comment has been published.';

const required = '<span class="required" aria-hidden="true">*</span>';

export function commentFormHtml(options: FormMarkupOptions): string {
  const outcome = options.outcome;
  const redirect = options.redirectTo ? `<input type="hidden" name="redirect_to" value="${escapeHtml(options.redirectTo)}">` : '';
  return `<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title"><span class="comment-reply-title-text">Leave a Reply</span> <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" hidden>Cancel reply</a></small></h3>
<p id="comment-form-status" class="comment-form-status${outcome ? ` is-${outcome.kind}` : ''}" role="status" aria-live="polite">${outcome ? escapeHtml(outcome.text) : ''}</p>
<form action="${escapeHtml(options.action)}" method="post" id="commentform" class="comment-form">
<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> <span class="required-field-message">Required fields are marked <span class="required">*</span></span></p>
<p class="comment-form-comment"><label for="comment">Comment ${required}</label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="${LIMITS.comment}" required></textarea></p>
<p class="comment-form-author"><label for="author">Name ${required}</label> <input id="author" name="author" type="text" size="30" maxlength="${LIMITS.author}" autocomplete="name" required></p>
<p class="comment-form-email"><label for="email">Email ${required}</label> <input id="email" name="email" type="email" size="30" maxlength="${LIMITS.email}" aria-describedby="email-notes" autocomplete="email" required></p>
<p class="comment-form-url"><label for="url">Website</label> <input id="url" name="url" type="url" size="30" maxlength="${LIMITS.url}" autocomplete="url"></p>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"> <label for="wp-comment-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</label></p>
<p class="comment-form-notify-replies"${options.replyNotifications ? '' : ' hidden'}><input id="notify_replies" name="notify_replies" type="checkbox" value="yes"> <label for="notify_replies">Notify me of follow-up comments by email.</label></p>
<p class="comment-form-website-confirm" aria-hidden="true"><label for="website_confirm">Leave this field empty</label> <input id="website_confirm" name="website_confirm" type="text" value="" tabindex="-1" autocomplete="off"></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"> <input type="hidden" name="comment_parent" id="comment_parent" value="0">${redirect}</p>
</form>
</div>`;
}
