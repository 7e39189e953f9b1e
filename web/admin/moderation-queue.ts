/**
 * The console once signed in: tabs per status with live counts, the queue,
 * one-click and bulk actions, keyboard shortcuts, per-comment history, and
 * every comment of one email (from the author's record beside a comment).
 *
 * Every action sends the version the moderator saw; a 409 (someone else
 * changed the comment) is announced and the comment reloaded in place, so
 * nothing is ever lost silently.
 */
import { h } from '../shared/dom';
import { age } from '../shared/time';
import { ApiError, STATUSES, type Action, type ModerationApi, type ModeratorComment, type Page, type Status } from './api';
import { BanDialog } from './ban-dialog';
import { renderBulkBar, renderTabs } from './queue-controls';
import { listenForShortcuts, shortcutsHelp, type ShortcutKey } from './keyboard';
import { renderHistory, renderQueueItem } from './queue-item';

const COUNT_LIMIT = 100;
const POLL_MS = 15_000;
const DONE: Record<Action, (what: string) => string> = {
  approve: (what) => `Approved ${what}.`,
  reject: (what) => `Rejected ${what}.`,
  spam: (what) => `Marked ${what} as spam.`,
  delete: (what) => `Deleted ${what}.`,
};

export class ModerationQueue {
  private status: Status = 'pending';
  /** Set while the list shows every comment of one email (the author's record link) instead of a status tab. */
  private email: string | null = null;
  /** Highest classifier score first instead of by time (the queue's sort=risk). */
  private byRisk = false;
  private items: ModeratorComment[] = [];
  private cursor: string | null = null;
  private current = 0;
  private readonly selected = new Set<string>();
  private readonly notices = new Map<string, string>();
  /** Ids this moderator just moved out of the tab: a lagging index may still list them. */
  private readonly handled = new Set<string>();
  private busy = false;
  /** Bumped when the tab changes, so a late answer for the previous tab is dropped. */
  private view = 0;
  private poller: ReturnType<typeof setInterval> | undefined;
  private stopShortcuts: (() => void) | undefined;

  private tabs = new Map<Status, HTMLButtonElement>();
  private banDialog: BanDialog | undefined;
  private readonly notice = h('p', { class: 'console-notice', role: 'status', 'aria-live': 'polite' });
  private readonly scopeText = h('span', {});
  private readonly scope = h(
    'p',
    { class: 'queue-scope', hidden: true },
    this.scopeText,
    ' ',
    h('button', { type: 'button', class: 'link-button', 'data-scope': 'back' }, 'Back to the tabs'),
  );
  private readonly list = h('ol', { class: 'queue', id: 'queue', 'aria-label': 'Comments' });
  private readonly empty = h('p', { class: 'queue-empty', hidden: true }, 'Nothing here.');
  private readonly loadMore = h('button', { type: 'button', class: 'load-more', hidden: true }, 'Load more');
  private readonly selectAll = h('input', { type: 'checkbox' });
  private readonly selectedCount = h('span', { class: 'selected-count' });
  private readonly riskOrder = h('input', { type: 'checkbox', class: 'sort-risk' });

  constructor(
    private readonly root: HTMLElement,
    private readonly api: ModerationApi,
    /** Told about each fresh read of the pending list (the header shows the queue's size and oldest comment). */
    private readonly onPendingPage: (page: Page) => void = () => {},
  ) {}

  start(): void {
    const { nav, tabs } = renderTabs((status) => void this.show(status));
    this.tabs = tabs;
    const bulk = renderBulkBar(this.selectAll, this.selectedCount, (action) => void this.perform([...this.selected], action));
    const sort = h('label', { class: 'sort-control' }, this.riskOrder, ' Highest risk first');
    this.riskOrder.addEventListener('change', () => {
      this.byRisk = this.riskOrder.checked;
      void this.show(this.status);
    });
    this.root.append(nav, this.notice, shortcutsHelp(), sort, this.scope, bulk, this.list, this.empty, this.loadMore);
    this.scope.querySelector('button')!.addEventListener('click', () => void this.show(this.status));
    this.banDialog = new BanDialog(this.root, this.api, (ban, comment) =>
      this.say(`Banned the ${ban.scope === 'both' ? 'email and address' : ban.scope} of the author of the comment by “${comment.author}”.`),
    );

    this.list.addEventListener('click', (event) => this.onListClick(event));
    this.list.addEventListener('change', (event) => this.onListChange(event));
    this.selectAll.addEventListener('change', () => {
      for (const item of this.items) {
        if (this.selectAll.checked) this.selected.add(item.id);
        else this.selected.delete(item.id);
      }
      this.render();
    });
    this.loadMore.addEventListener('click', () => void this.loadPage());
    this.stopShortcuts = listenForShortcuts((key) => this.onShortcut(key));
    this.poller = setInterval(() => {
      if (document.visibilityState === 'visible') void this.refreshCounts(true);
    }, POLL_MS);

    void this.show('pending');
  }

  /** After sign-out: no more polling, no more shortcuts. */
  stop(): void {
    clearInterval(this.poller);
    this.stopShortcuts?.();
  }

  private async show(status: Status): Promise<void> {
    this.status = status;
    this.reset(null);
    await Promise.all([this.loadPage(), this.refreshCounts(false)]);
  }

  /** Every comment of one email, newest first, whatever its status; "Back to the tabs" returns to the last tab. */
  private async showEmail(email: string): Promise<void> {
    this.reset(email);
    this.scopeText.textContent = `All comments of ${email}, newest first.`;
    await this.loadPage();
    this.list.querySelector<HTMLElement>('.queue-item')?.focus();
  }

  private reset(email: string | null): void {
    this.view += 1;
    this.email = email;
    this.items = [];
    this.cursor = null;
    this.current = 0;
    this.selected.clear();
    this.handled.clear();
    this.scope.hidden = email === null;
    for (const [s, tab] of this.tabs) tab.setAttribute('aria-current', email === null && s === this.status ? 'page' : 'false');
    this.render();
  }

  private async loadPage(): Promise<void> {
    this.loadMore.disabled = true;
    const view = this.view;
    try {
      const page =
        this.email === null
          ? await this.api.list(this.status, { cursor: this.cursor, byRisk: this.byRisk && this.status !== 'reported' })
          : await this.api.listByEmail(this.email, { cursor: this.cursor });
      if (view !== this.view) return;
      const known = new Set(this.items.map((c) => c.id));
      this.items.push(...page.comments.filter((c) => !known.has(c.id)));
      this.cursor = page.nextCursor;
      this.render();
    } catch (error) {
      this.say(messageOf(error));
    } finally {
      this.loadMore.disabled = false;
    }
  }

  /** Counts per tab from the list endpoint (limit 100, "100+" beyond); the open tab also picks up new comments. */
  private async refreshCounts(mergeNew: boolean): Promise<void> {
    await Promise.all(
      STATUSES.map(async (status) => {
        try {
          const page = await this.api.list(status, { limit: COUNT_LIMIT });
          const count = page.nextCursor ? `${COUNT_LIMIT}+` : String(page.comments.length);
          this.tabs.get(status)!.querySelector('.count')!.textContent = count;
          if (status === 'pending') this.onPendingPage(page);
          if (mergeNew && this.email === null && status === this.status && !this.busy) this.mergeNew(page.comments);
        } catch {
          // A missed poll is retried at the next one.
        }
      }),
    );
    for (const time of this.list.querySelectorAll<HTMLTimeElement>('time[data-age]')) time.textContent = age(time.dateTime);
  }

  private mergeNew(latest: ModeratorComment[]): void {
    const known = new Set(this.items.map((c) => c.id));
    const fresh = latest.filter((c) => !known.has(c.id) && !this.handled.has(c.id));
    // By risk, a newcomer's place is not at either end: it shows on the next load.
    if (fresh.length === 0 || this.byRisk) return;
    // Pending is oldest first: newcomers belong at the end, once the end is loaded. Other tabs are newest first.
    if (this.status !== 'pending') {
      this.items.unshift(...fresh);
      this.current += fresh.length;
    } else if (this.cursor === null) this.items.push(...fresh);
    else return;
    this.render();
  }

  private async perform(ids: string[], action: Action): Promise<void> {
    const targets = this.items.filter((c) => ids.includes(c.id));
    if (targets.length === 0 || this.busy) return;
    this.busy = true;
    let done = 0;
    let conflicts = 0;
    const failures: string[] = [];
    for (const comment of targets) {
      try {
        const updated = await this.api.act(comment, action);
        done += 1;
        this.notices.delete(comment.id);
        // An email's list shows every status, so a changed comment stays in it.
        if (updated && (this.email !== null || updated.status === this.status)) this.replace(updated);
        else this.remove(comment.id);
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          conflicts += 1;
          await this.reload(comment.id, 'Someone else changed this comment meanwhile. It has been reloaded: check it and choose again.');
        } else if (error instanceof ApiError && error.status === 404) {
          this.remove(comment.id);
          failures.push('A comment had already been deleted by someone else.');
        } else failures.push(messageOf(error));
      }
    }
    this.busy = false;
    this.render();
    const who = targets.length === 1 ? `the comment by “${targets[0]!.author}”` : `${done} ${done === 1 ? 'comment' : 'comments'}`;
    const parts = done > 0 ? [DONE[action](who)] : [];
    if (conflicts > 0)
      parts.push(
        `${conflicts === 1 ? 'One comment was' : `${conflicts} comments were`} changed by someone else and reloaded; nothing was changed on ${conflicts === 1 ? 'it' : 'them'}.`,
      );
    this.say([...parts, ...new Set(failures)].join(' '));
    void this.refreshCounts(false);
  }

  private async reload(id: string, notice: string): Promise<void> {
    try {
      this.replace(await this.api.get(id));
      this.notices.set(id, notice);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.remove(id);
    }
  }

  private replace(comment: ModeratorComment): void {
    const index = this.items.findIndex((c) => c.id === comment.id);
    if (index >= 0) this.items[index] = comment;
  }

  private remove(id: string): void {
    const index = this.items.findIndex((c) => c.id === id);
    if (index < 0) return;
    this.items.splice(index, 1);
    this.selected.delete(id);
    this.handled.add(id);
    if (index < this.current) this.current -= 1;
    this.current = Math.max(0, Math.min(this.current, this.items.length - 1));
  }

  private render(): void {
    const hadFocus = this.list.contains(document.activeElement);
    this.list.replaceChildren(
      ...this.items.map((c, i) =>
        renderQueueItem(c, { current: i === this.current, selected: this.selected.has(c.id), notice: this.notices.get(c.id) }),
      ),
    );
    this.empty.hidden = this.items.length > 0;
    this.empty.textContent = this.email === null ? `No ${this.status} comments.` : 'No comments of this email.';
    this.loadMore.hidden = this.cursor === null;
    this.selectAll.checked = this.items.length > 0 && this.items.every((c) => this.selected.has(c.id));
    this.selectedCount.textContent = this.selected.size ? `${this.selected.size} selected` : '';
    if (hadFocus) this.focusCurrent();
  }

  private focusCurrent(): void {
    const element = this.list.children[this.current] as HTMLElement | undefined;
    element?.focus();
    element?.scrollIntoView?.({ block: 'nearest' });
  }

  private move(by: number): void {
    if (this.items.length === 0) return;
    this.current = Math.max(0, Math.min(this.items.length - 1, this.current + by));
    this.render();
    this.focusCurrent();
  }

  private onShortcut(key: ShortcutKey): void {
    // Not behind an open dialog.
    if (document.querySelector('dialog[open]')) return;
    const comment = this.items[this.current];
    if (key === 'j' || key === 'k') this.move(key === 'j' ? 1 : -1);
    else if (!comment) return;
    else if (key === 'x') this.toggleSelected(comment.id);
    else if (key === 'b') this.banDialog?.open(comment);
    else void this.perform([comment.id], key === 'a' ? 'approve' : key === 'r' ? 'reject' : 'spam');
  }

  private toggleSelected(id: string): void {
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
    this.render();
  }

  private onListChange(event: Event): void {
    const box = event.target as HTMLInputElement;
    const id = box.closest<HTMLElement>('.queue-item')?.dataset.id;
    if (id && box.classList.contains('item-select')) this.toggleSelected(id);
  }

  private onListClick(event: MouseEvent): void {
    const target = event.target as Element;
    const element = target.closest<HTMLElement>('.queue-item');
    const id = element?.dataset.id;
    if (!element || !id) return;
    this.current = Math.max(
      0,
      this.items.findIndex((c) => c.id === id),
    );
    for (const [i, li] of Array.from(this.list.children).entries()) li.classList.toggle('is-current', i === this.current);
    const button = target.closest<HTMLButtonElement>('button[data-action]');
    if (!button) return;
    const email = this.items[this.current]?.email;
    if (button.dataset.action === 'history') void this.toggleHistory(element, button, id);
    else if (button.dataset.action === 'by-email') {
      if (email) void this.showEmail(email);
    } else if (button.dataset.action === 'ban') this.banDialog?.open(this.items[this.current]!);
    else void this.perform([id], button.dataset.action as Action);
  }

  private async toggleHistory(element: HTMLElement, button: HTMLButtonElement, id: string): Promise<void> {
    const panel = element.querySelector<HTMLElement>('.item-history')!;
    const open = panel.hidden;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (!open) return;
    panel.replaceChildren('Loading…');
    try {
      panel.replaceChildren(renderHistory(await this.api.history(id)));
    } catch (error) {
      panel.replaceChildren(messageOf(error));
    }
  }

  private say(text: string): void {
    this.notice.textContent = text;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
