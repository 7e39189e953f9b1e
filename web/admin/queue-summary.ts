/**
 * The header's queue figures: how many comments wait and for how long the
 * oldest has waited. Read from the pending list's first page (oldest first,
 * up to 100: "100+" beyond), the same request that counts the Pending tab.
 */
import { h } from '../shared/dom';
import { age } from '../shared/time';
import type { ModerationApi, Page } from './api';

export const SUMMARY_LIMIT = 100;

export class QueueSummary {
  readonly element = h('p', { class: 'queue-summary' }, 'Queue: …');

  show(page: Page): void {
    const oldest = page.comments[0];
    const count = page.nextCursor ? `${SUMMARY_LIMIT}+` : String(page.comments.length);
    document.title = `(${count}) Comment moderation`;
    if (!oldest) {
      this.element.replaceChildren('Queue: empty');
      return;
    }
    this.element.replaceChildren(
      'Queue: ',
      h('strong', { class: 'queue-size' }, count),
      ' waiting, the oldest for ',
      h('time', { class: 'queue-oldest', datetime: oldest.createdAt }, age(oldest.createdAt)),
    );
  }

  async refresh(api: ModerationApi): Promise<void> {
    try {
      this.show(await api.list('pending', { limit: SUMMARY_LIMIT }));
    } catch {
      // The next poll tries again; the figures stay as they were.
    }
  }
}
