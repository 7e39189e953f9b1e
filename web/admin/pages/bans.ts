/**
 * Bans: the bans in force, newest first, each with what it bars, who banned,
 * when, until when and why, and a Lift button. Bans are made from a comment
 * in the queue (its Ban button or the `b` key); this page lists and lifts them.
 */
import { h } from '../../shared/dom';
import { formatDateTime } from '../../shared/time';
import { ApiError, type Ban } from '../api';
import type { ConsolePage } from './console-page';
import { messageOf, pageNotice } from './notice';

const SCOPE: Record<Ban['scope'], string> = { email: 'Email', address: 'Address', both: 'Email and address' };

const inForce = (count: number) => (count === 0 ? 'No bans in force.' : `${count} ${count === 1 ? 'ban' : 'bans'} in force.`);

/** What the ban bars, in words a moderator reads aloud: the email, or the address of a comment. */
const subject = (ban: Ban) => ban.email ?? `the address of comment ${ban.commentId}`;

function banRow(ban: Ban): HTMLLIElement {
  return h(
    'li',
    { class: 'ban', 'data-ban': ban.id },
    h('strong', {}, SCOPE[ban.scope]),
    ban.email ? ` · ${ban.email}` : ' · the address of comment ',
    ban.email ? '' : h('code', {}, ban.commentId),
    ` · by ${ban.actor} · `,
    h('time', { datetime: ban.createdAt }, formatDateTime(ban.createdAt)),
    ban.expiresAt ? ` · until ${formatDateTime(ban.expiresAt)}` : ' · never ends',
    ban.reason ? ` · ${ban.reason}` : '',
    ' ',
    h('button', { type: 'button', class: 'action', 'data-lift': ban.id, 'aria-label': `Lift the ban ${subject(ban)}` }, 'Lift'),
  );
}

export const bansPage: ConsolePage = {
  path: 'bans',
  label: 'Bans',
  mount(container, { api }) {
    const notice = pageNotice();
    const summary = h('p', { class: 'bans-summary' }, 'Loading…');
    const list = h('ul', { class: 'bans-list', 'aria-label': 'Bans in force', 'aria-busy': 'true' });
    container.append(notice.element, summary, list);
    let bans: Ban[] = [];

    async function load(): Promise<void> {
      try {
        bans = await api.bans();
        list.replaceChildren(...bans.map(banRow));
        summary.textContent = inForce(bans.length);
      } catch (error) {
        summary.textContent = '';
        notice.error(messageOf(error));
      } finally {
        list.setAttribute('aria-busy', 'false');
      }
    }

    async function lift(button: HTMLButtonElement): Promise<void> {
      const ban = bans.find((b) => b.id === button.dataset.lift);
      if (!ban) return;
      button.disabled = true;
      try {
        await api.liftBan(ban.id);
      } catch (error) {
        // Someone else lifted it (or it ended): the list is what matters, so it goes either way.
        if (!(error instanceof ApiError && error.status === 404)) {
          button.disabled = false;
          notice.error(`The ban was not lifted: ${messageOf(error)}`);
          return;
        }
      }
      const row = button.closest('li')!;
      // Keep the keyboard in the list: focus moves to the next ban's Lift, or the previous one's.
      const neighbour = (row.nextElementSibling ?? row.previousElementSibling)?.querySelector<HTMLButtonElement>('button[data-lift]');
      row.remove();
      bans = bans.filter((b) => b.id !== ban.id);
      summary.textContent = inForce(bans.length);
      notice.success(`Ban lifted: ${subject(ban)} may comment again.`);
      if (neighbour) neighbour.focus();
      else container.closest('main')?.querySelector<HTMLElement>('.page-title')?.focus();
    }

    list.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-lift]');
      if (button) void lift(button);
    });
    void load();
    return () => {};
  },
};
