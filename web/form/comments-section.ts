/**
 * The whole comments area of an article: the published comments (threaded,
 * paginated), the reader's own comments awaiting moderation, and the form,
 * or "Comments are closed." in its place once the list says the article is
 * closed (as WordPress does).
 */
import { h } from '../shared/dom';
import { CommentApi, type PublishedComment, sendReport } from './api';
import { CommentForm } from './comment-form';
import { renderCommentList, type ListedComment } from './comment-list';
import { commentFormHtml, outcomeFromQuery } from './form-markup';
import { PendingComments } from './reader-storage';
import { ReportDialog } from './report-dialog';

export interface SectionOptions {
  apiUrl: string;
  articleId: string;
  /** Comments per page (1–100, default 50). */
  pageSize?: number;
  /** Where the comments are read from (deployed: the read cache's ReadUrl); default apiUrl. */
  readUrl?: string;
}

export function mountCommentsSection(container: HTMLElement, options: SectionOptions): void {
  const api = new CommentApi(options.apiUrl, options.articleId, options.pageSize, options.readUrl);
  const pending = new PendingComments(options.articleId);
  // Published at once but possibly not yet in the edge-cached list: shown from the reader's own storage until the list has them.
  const ownPublished = new PendingComments(options.articleId, 'published');
  const published: PublishedComment[] = [];
  let cursor: string | null = null;
  let complete = false;
  let open = true;

  const title = h('h2', { class: 'comments-title', id: 'comments-title' }, 'Comments');
  const list = h('ol', { class: 'comment-list', 'aria-labelledby': 'comments-title', 'aria-busy': 'true' });
  const loadStatus = h('p', { class: 'comments-load-status', role: 'status', 'aria-live': 'polite' });
  const loadMore = h('button', { type: 'button', class: 'load-more-comments', hidden: true }, 'Load more comments');
  // The form is fixed markup with no reader data in it (see form-markup.ts).
  const formHost = h('div');
  formHost.innerHTML = commentFormHtml({ action: api.commentsUrl, outcome: outcomeFromQuery(new URLSearchParams(window.location.search)) });
  const respond = formHost.firstElementChild as HTMLElement;
  container.classList.add('comments-area');
  container.replaceChildren(title, list, loadStatus, loadMore, respond);

  // Built on the first Report click: a page where nobody reports carries no extra form.
  let reportDialog: ReportDialog | undefined;

  const form = new CommentForm(respond, api, (comment) => {
    if (comment.awaitingModeration) pending.add(comment);
    else ownPublished.add(comment);
    render();
  });

  function render(): void {
    const shown = new Set(published.map((c) => c.id));
    pending.forgetPublished(shown);
    ownPublished.forgetPublished(shown);
    const own: ListedComment[] = pending.all().map((c) => ({ ...c, awaitingModeration: true }));
    const replyingTo = form.replyingTo;
    if (replyingTo) form.stopReplying();
    const visible = [...published, ...ownPublished.all()];
    renderCommentList(list, [...visible, ...own], { canReply: open });
    const target = replyingTo ? list.querySelector(`#div-comment-${CSS.escape(replyingTo)}`) : null;
    const author = visible.find((c) => c.id === replyingTo)?.author;
    // Still replying after a re-render: put the form back under that comment, without moving focus.
    if (target && author !== undefined) form.replyTo(replyingTo!, author, target, false);
    const count = visible.length;
    title.textContent = !complete ? 'Comments' : count === 0 ? 'No comments yet' : count === 1 ? 'One comment' : `${count} comments`;
    loadMore.hidden = complete;
  }

  async function loadNextPage(): Promise<void> {
    loadMore.disabled = true;
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await api.listPublished(cursor);
      if (page.replyNotifications) form.offerReplyMail();
      const known = new Set(published.map((c) => c.id));
      const fresh = page.comments.filter((c) => !known.has(c.id));
      published.push(...fresh);
      cursor = page.nextCursor;
      complete = cursor === null;
      if (page.commentsOpen === false && open) close();
      loadMore.textContent = 'Load more comments';
      render();
      loadStatus.textContent = known.size > 0 ? `${fresh.length} more ${fresh.length === 1 ? 'comment' : 'comments'} loaded.` : '';
    } catch {
      loadStatus.textContent = 'The comments could not be loaded.';
      loadMore.textContent = 'Try again';
      loadMore.hidden = false;
    } finally {
      loadMore.disabled = false;
      list.setAttribute('aria-busy', 'false');
    }
  }

  /** Once closed, a post would only be refused (403): the form gives way to WordPress's note. */
  function close(): void {
    open = false;
    form.stopReplying();
    respond.replaceWith(h('p', { class: 'no-comments' }, 'Comments are closed.'));
  }

  list.addEventListener('click', (event) => {
    const reportLink = (event.target as Element).closest<HTMLButtonElement>('button.comment-report-link');
    if (reportLink) {
      reportDialog ??= new ReportDialog(container, (commentId, reason, note) => sendReport(api.commentsUrl, commentId, reason, note));
      reportDialog.open(reportLink.dataset.report!, reportLink);
      return;
    }
    const link = (event.target as Element).closest<HTMLAnchorElement>('a.comment-reply-link');
    if (!link) return;
    event.preventDefault();
    const body = link.closest('.comment-body');
    if (body) form.replyTo(link.dataset.replyTo!, link.dataset.author ?? '', body);
  });
  loadMore.addEventListener('click', () => void loadNextPage());

  render();
  void loadNextPage();
}
