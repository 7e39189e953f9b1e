/**
 * The console's pages, in navigation order. The queue's tabs (Pending,
 * Approved, …) live inside the queue page (queue-controls.ts); whole pages
 * live here. The Bans page goes between Articles and Privacy requests:
 * `import { bansPage } from './pages/bans'` and add it to the list.
 */
import { articlesPage } from './pages/articles';
import type { ConsolePage } from './pages/console-page';
import { privacyPage } from './pages/privacy';
import { queuePage } from './pages/queue';
import { settingsPage } from './pages/settings';

export const PAGES: readonly ConsolePage[] = [queuePage, settingsPage, articlesPage, privacyPage];

export const DEFAULT_PAGE = queuePage;

/** The page the address names (`#/settings`), or the queue. */
export function pageFromHash(hash: string): ConsolePage {
  const path = hash.replace(/^#\/?/, '');
  return PAGES.find((page) => page.path === path) ?? DEFAULT_PAGE;
}
