/**
 * The console once signed in: the header (queue figures, who is signed in,
 * Sign out), the navigation between pages, and the page the address names
 * (#/queue, #/settings, …). One page is mounted at a time; leaving it stops
 * its timers and keyboard shortcuts.
 */
import { h } from '../shared/dom';
import type { ModerationApi } from './api';
import { DEFAULT_PAGE, PAGES, pageFromHash } from './page-registry';
import type { ConsolePage } from './pages/console-page';
import { QueueSummary } from './queue-summary';

const POLL_MS = 15_000;

export class ConsoleShell {
  private readonly summary = new QueueSummary();
  private readonly links = new Map<ConsolePage, HTMLAnchorElement>();
  private readonly added: HTMLElement[] = [];
  private current: ConsolePage | undefined;
  private unmount: (() => void) | undefined;
  private poller: ReturnType<typeof setInterval> | undefined;
  private readonly onHashChange = () => this.show(pageFromHash(location.hash), true);

  constructor(
    private readonly main: HTMLElement,
    private readonly api: ModerationApi,
    private readonly userName: string,
    private readonly onSignOut: () => void,
  ) {}

  start(): void {
    const header = document.querySelector('.console-header')!;
    const signOut = h('button', { type: 'button', class: 'sign-out' }, 'Sign out');
    signOut.addEventListener('click', this.onSignOut);
    const user = h('div', { class: 'console-user' }, h('span', { class: 'user-name' }, `Signed in as ${this.userName}`), signOut);
    const nav = h('nav', { class: 'console-nav', 'aria-label': 'Console pages' });
    for (const page of PAGES) {
      const link = h('a', { href: `#/${page.path}`, class: 'nav-link' }, page.label);
      this.links.set(page, link);
      nav.append(link);
    }
    header.append(this.summary.element, user);
    header.after(nav);
    this.added.push(this.summary.element, user, nav);

    window.addEventListener('hashchange', this.onHashChange);
    // The queue page reads the pending list itself; elsewhere the header polls it.
    this.poller = setInterval(() => {
      if (document.visibilityState === 'visible' && this.current !== DEFAULT_PAGE) void this.summary.refresh(this.api);
    }, POLL_MS);
    this.show(pageFromHash(location.hash), false);
  }

  stop(): void {
    this.unmount?.();
    this.unmount = undefined;
    clearInterval(this.poller);
    window.removeEventListener('hashchange', this.onHashChange);
    for (const element of this.added) element.remove();
    document.title = 'Comment moderation';
  }

  private show(page: ConsolePage, moveFocus: boolean): void {
    if (page === this.current) return;
    this.unmount?.();
    this.current = page;
    for (const [p, link] of this.links) {
      if (p === page) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const title = h('h2', { class: 'page-title', tabindex: '-1' }, page.label);
    const body = h('div', { class: `page page-${page.path}` });
    this.main.replaceChildren(title, body);
    this.unmount = page.mount(body, { api: this.api, onPendingPage: (p) => this.summary.show(p) });
    if (page !== DEFAULT_PAGE) void this.summary.refresh(this.api);
    // After a click in the navigation, screen readers and keyboards start at the new page's heading.
    if (moveFocus) title.focus();
  }
}
