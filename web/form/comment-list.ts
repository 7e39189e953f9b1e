/** The threaded list of comments, in WordPress's markup (ol.comment-list > li.comment > ol.children). */
import { h, safeHttpUrl } from '../shared/dom';
import { formatDateTime } from '../shared/time';
import type { PublishedComment } from './api';
import { linkPieces } from './linkify';
import { buildThreads, MAX_THREAD_DEPTH, type ThreadNode } from './thread';

export interface ListedComment extends PublishedComment {
  /** The reader's own comment, not yet approved: shown to them only. */
  awaitingModeration?: boolean;
}

/** `canReply: false` on a closed article: no Reply links, as WordPress does. */
export function renderCommentList(list: HTMLOListElement, comments: readonly ListedComment[], options: { canReply: boolean }): void {
  const renderNode = (node: ThreadNode<ListedComment>): HTMLLIElement => {
    const { comment, depth } = node;
    const item = h(
      'li',
      { id: `comment-${comment.id}`, class: `comment depth-${depth}${comment.awaitingModeration ? ' comment-awaiting-moderation' : ''}` },
      renderBody(comment, depth, options.canReply),
    );
    if (node.children.length > 0) item.append(h('ol', { class: 'children' }, ...node.children.map(renderNode)));
    return item;
  };
  list.replaceChildren(...buildThreads(comments).map(renderNode));
}

function renderBody(comment: ListedComment, depth: number, repliesOpen: boolean): HTMLElement {
  const website = safeHttpUrl(comment.url);
  const name = website ? h('a', { href: website, rel: 'nofollow ugc noopener', class: 'url' }, comment.author) : comment.author;
  const meta = h(
    'footer',
    { class: 'comment-meta' },
    h('div', { class: 'comment-author' }, h('b', { class: 'fn' }, name), ' ', h('span', { class: 'says' }, 'says:')),
    h(
      'div',
      { class: 'comment-metadata' },
      h('a', { href: `#comment-${comment.id}` }, h('time', { datetime: comment.createdAt }, formatDateTime(comment.createdAt))),
    ),
    comment.awaitingModeration &&
      h(
        'em',
        { class: 'comment-awaiting-moderation-note' },
        'Your comment is awaiting moderation. This is a preview; your comment will be visible after it has been approved.',
      ),
  );
  const canReply = repliesOpen && !comment.awaitingModeration && depth < MAX_THREAD_DEPTH;
  const report =
    !comment.awaitingModeration &&
    h(
      'button',
      {
        type: 'button',
        class: 'comment-report-link',
        'data-report': comment.id,
        'aria-haspopup': 'dialog',
        'aria-label': `Report the comment by ${comment.author}`,
      },
      'Report',
    );
  return h(
    'article',
    { class: 'comment-body', id: `div-comment-${comment.id}` },
    meta,
    h('div', { class: 'comment-content' }, ...paragraphs(comment.comment)),
    canReply &&
      h(
        'div',
        { class: 'reply' },
        h(
          'a',
          {
            href: '#respond',
            class: 'comment-reply-link',
            'data-reply-to': comment.id,
            'data-author': comment.author,
            'aria-label': `Reply to ${comment.author}`,
          },
          'Reply',
        ),
        report && ' ',
        report,
      ),
    !canReply && report && h('div', { class: 'reply' }, report),
  );
}

/** Blank lines separate paragraphs; single newlines become line breaks; http(s) addresses become links. Text stays text nodes. */
function paragraphs(text: string): HTMLParagraphElement[] {
  return text.split(/\n{2,}/).map((block) => {
    const p = h('p');
    block.split('\n').forEach((line, i) => {
      if (i > 0) p.append(h('br'));
      p.append(...lineNodes(line));
    });
    return p;
  });
}

/** A line as text nodes, with each address as a link made from DOM nodes (no HTML is ever parsed). */
function lineNodes(line: string): Array<string | HTMLAnchorElement> {
  return linkPieces(line).map((piece) =>
    piece.href === undefined ? piece.text : h('a', { href: piece.href, rel: 'nofollow ugc noopener' }, piece.text),
  );
}
