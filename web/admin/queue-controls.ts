/**
 * The controls above the queue: a tab per status (with its count) and the
 * bulk-action bar. A tab that is not a status (Reported) goes into this
 * strip too, after Pending; the strip wraps on a phone, so it stays on screen.
 */
import { h } from '../shared/dom';
import { STATUSES, type Action, type Status } from './api';

const LABELS: Record<Status, string> = {
  pending: 'Pending',
  reported: 'Reported',
  approved: 'Approved',
  rejected: 'Rejected',
  spam: 'Spam',
};
const BULK: Record<Action, string> = {
  approve: 'Approve selected',
  reject: 'Reject selected',
  spam: 'Spam selected',
  delete: 'Delete selected',
};

export function renderTabs(onSelect: (status: Status) => void): { nav: HTMLElement; tabs: Map<Status, HTMLButtonElement> } {
  const nav = h('nav', { class: 'tabs', 'aria-label': 'Comment lists' });
  const tabs = new Map<Status, HTMLButtonElement>();
  for (const status of STATUSES) {
    const tab = h(
      'button',
      { type: 'button', class: 'tab', 'data-status': status },
      LABELS[status],
      ' ',
      h('span', { class: 'count' }, '…'),
    );
    tab.addEventListener('click', () => onSelect(status));
    tabs.set(status, tab);
    nav.append(tab);
  }
  return { nav, tabs };
}

export function renderBulkBar(selectAll: HTMLInputElement, selectedCount: HTMLElement, onAction: (action: Action) => void): HTMLElement {
  const bar = h(
    'div',
    { class: 'bulk-bar' },
    h('label', {}, selectAll, ' Select all'),
    ...(Object.keys(BULK) as Action[]).map((action) =>
      h('button', { type: 'button', class: `bulk action-${action}`, 'data-bulk': action }, BULK[action]),
    ),
    selectedCount,
  );
  bar.addEventListener('click', (event) => {
    const action = (event.target as Element).closest<HTMLElement>('[data-bulk]')?.dataset.bulk as Action | undefined;
    if (action) onAction(action);
  });
  return bar;
}
