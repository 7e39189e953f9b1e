/** The queue page: the comment lists by status, with actions and keyboard shortcuts. */
import { ModerationQueue } from '../moderation-queue';
import type { ConsolePage } from './console-page';

export const queuePage: ConsolePage = {
  path: 'queue',
  label: 'Queue',
  mount(container, { api, onPendingPage }) {
    const queue = new ModerationQueue(container, api, onPendingPage);
    queue.start();
    return () => queue.stop();
  },
};
