/**
 * The console's pages, in navigation order. The queue's tabs (Pending,
 * Approved, …) live inside the queue page (queue-controls.ts); whole pages
 * live here.
 */
import { articlesPage } from './pages/articles';
import { bansPage } from './pages/bans';
import type { ConsolePage } from './pages/console-page';
import { privacyPage } from './pages/privacy';
import { queuePage } from './pages/queue';
import { settingsPage } from './pages/settings';
import { triagePage } from './pages/triage';

export const PAGES: readonly ConsolePage[] = [queuePage, settingsPage, triagePage, articlesPage, bansPage, privacyPage];

export const DEFAULT_PAGE = queuePage;

/** The page the address names (`#/settings`), or the queue. */
export function pageFromHash(hash: string): ConsolePage {
  const path = hash.replace(/^#\/?/, '');
  return PAGES.find((page) => page.path === path) ?? DEFAULT_PAGE;
}
