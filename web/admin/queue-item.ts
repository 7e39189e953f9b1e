/** One comment in the moderation queue: who, where, why it was held, the text, and one-click actions. */
import { h, safeHttpUrl } from '../shared/dom';
import { age, formatDateTime } from '../shared/time';
import type { Action, HistoryEntry, ModeratorComment, Status } from './api';
import { triageLine } from './queue-triage';

const ACTIONS: Array<{ action: Action; label: string; key?: string; hiddenIn?: Status }> = [
  { action: 'approve', label: 'Approve', key: 'a', hiddenIn: 'approved' },
  { action: 'reject', label: 'Reject', key: 'r', hiddenIn: 'rejected' },
  { action: 'spam', label: 'Spam', key: 's', hiddenIn: 'spam' },
  { action: 'delete', label: 'Delete' },
];

export interface ItemState {
  current: boolean;
  selected: boolean;
  /** Why the item was reloaded (someone else changed it), shown on it. */
  notice?: string;
}

export function renderQueueItem(comment: ModeratorComment, state: ItemState): HTMLLIElement {
  const website = safeHttpUrl(comment.url);
  const meta = h(
    'div',
    { class: 'item-meta' },
    h('strong', { class: 'item-author' }, comment.author),
    comment.email
      ? h('a', { class: 'item-email', href: `mailto:${comment.email}` }, comment.email)
      : h('span', { class: 'item-email muted' }, 'no email'),
    website
      ? h('a', { class: 'item-website', href: website, rel: 'nofollow ugc noopener noreferrer', target: '_blank' }, comment.url!)
      : null,
    h('span', { class: 'item-article' }, 'on ', h('code', {}, comment.articleId)),
    comment.parentId ? h('span', { class: 'item-parent' }, 'reply to ', h('code', {}, comment.parentId)) : null,
    h(
      'time',
      { class: 'item-age', datetime: comment.createdAt, title: formatDateTime(comment.createdAt), 'data-age': '' },
      age(comment.createdAt),
    ),
    h('span', { class: `item-status status-${comment.status}` }, comment.status),
  );
  const record = comment.authorRecord
    ? h(
        'p',
        { class: 'item-record' },
        "Author's record: ",
        h('span', { class: 'record-approved' }, `${comment.authorRecord.approved} approved`),
        ', ',
        h('span', { class: 'record-rejected' }, `${comment.authorRecord.rejected} rejected`),
        ', ',
        h('span', { class: 'record-spam' }, `${comment.authorRecord.spam} spam`),
        ' · ',
        h('button', { type: 'button', class: 'link-button', 'data-action': 'by-email' }, 'All comments of this email'),
      )
    : null;
  const reasons = comment.reasons?.length
    ? h(
        'ul',
        { class: 'item-reasons', 'aria-label': 'Why it is here' },
        ...comment.reasons.map((r) =>
          h(
            'li',
            {},
            h('code', {}, r.rule),
            ' ',
            r.message,
            // A classifier's score, shown on its own so the eye finds it (the message says it too).
            r.score === undefined
              ? ''
              : h('span', { class: 'reason-score', title: `score from ${r.provider ?? 'a classifier'}` }, ` score ${r.score.toFixed(2)}`),
          ),
        ),
      )
    : null;
  const actions = h(
    'div',
    { class: 'item-actions' },
    ...ACTIONS.filter((a) => a.hiddenIn !== comment.status).map((a) =>
      h('button', { type: 'button', class: `action action-${a.action}`, 'data-action': a.action, 'aria-keyshortcuts': a.key }, a.label),
    ),
    h(
      'button',
      { type: 'button', class: 'action action-ban', 'data-action': 'ban', 'aria-keyshortcuts': 'b', 'aria-haspopup': 'dialog' },
      'Ban',
    ),
    h('button', { type: 'button', class: 'action action-history', 'data-action': 'history', 'aria-expanded': 'false' }, 'History'),
  );
  const reports = comment.reports?.count
    ? h(
        'div',
        { class: 'item-reports' },
        h(
          'p',
          {},
          `Reported by ${comment.reports.count} ${comment.reports.count === 1 ? 'reader' : 'readers'}: `,
          Object.entries(comment.reports.reasons)
            .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || a.localeCompare(b))
            .map(([reason, n]) => `${reason} ${n}`)
            .join(', '),
        ),
        comment.reports.notes.length
          ? h(
              'ul',
              { class: 'item-report-notes', 'aria-label': "Readers' notes" },
              ...comment.reports.notes.map((note) => h('li', {}, note)),
            )
          : null,
      )
    : null;
  return h(
    'li',
    {
      class: `queue-item${state.current ? ' is-current' : ''}${state.selected ? ' is-selected' : ''}`,
      'data-id': comment.id,
      tabindex: '-1',
      'aria-current': state.current ? 'true' : undefined,
    },
    // The label around the box is the touch target on a phone.
    h(
      'label',
      { class: 'item-select-label' },
      h('input', {
        type: 'checkbox',
        class: 'item-select',
        'aria-label': `Select the comment by ${comment.author}`,
        checked: state.selected,
      }),
    ),
    h(
      'div',
      { class: 'item-main' },
      meta,
      record,
      triageLine(comment),
      reasons,
      reports,
      h('div', { class: 'item-text' }, comment.comment),
      state.notice ? h('p', { class: 'item-notice', role: 'alert' }, state.notice) : null,
      actions,
      h('div', { class: 'item-history', hidden: true }),
    ),
  );
}

export function renderHistory(entries: HistoryEntry[]): HTMLElement {
  if (entries.length === 0) return h('p', {}, 'No history.');
  return h(
    'ol',
    { class: 'history-list' },
    ...entries.map((e) =>
      h(
        'li',
        {},
        h('time', { datetime: e.at }, formatDateTime(e.at)),
        ` · ${e.actor} · ${e.from ?? 'new'} → ${e.to}`,
        e.rule || e.reason ? ` · ${[e.rule, e.reason].filter(Boolean).join(': ')}` : '',
      ),
    ),
  );
}
