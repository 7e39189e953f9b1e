/** The Bans page: the bans in force, newest first, each with what it bars, why, until when, and a Lift button. */
import { h } from '../shared/dom';
import { formatDateTime } from '../shared/time';
import type { Ban, ModerationApi } from './api';

const SCOPE: Record<Ban['scope'], string> = { email: 'Email', address: 'Address', both: 'Email and address' };

export class BansPage {
  readonly element = h('section', { class: 'bans-page', 'aria-labelledby': 'bans-title', hidden: true });
  private readonly list = h('ul', { class: 'bans-list' });
  private readonly status = h('p', { class: 'bans-status', role: 'status' });

  constructor(private readonly api: ModerationApi) {
    this.element.append(h('h2', { id: 'bans-title' }, 'Bans'), this.status, this.list);
    this.list.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-lift]');
      if (button) void this.lift(button.dataset.lift!);
    });
  }

  async show(): Promise<void> {
    this.element.hidden = false;
    this.status.textContent = 'Loading…';
    try {
      const bans = await this.api.bans();
      this.list.replaceChildren(...bans.map((ban) => this.row(ban)));
      this.status.textContent = bans.length === 0 ? 'No bans in force.' : `${bans.length} ${bans.length === 1 ? 'ban' : 'bans'} in force.`;
    } catch (error) {
      this.status.textContent = error instanceof Error ? error.message : 'The bans could not be loaded.';
    }
  }

  hide(): void {
    this.element.hidden = true;
  }

  private row(ban: Ban): HTMLLIElement {
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
      h(
        'button',
        {
          type: 'button',
          class: 'action',
          'data-lift': ban.id,
          'aria-label': `Lift the ban ${ban.email ?? `on the address of ${ban.commentId}`}`,
        },
        'Lift',
      ),
    );
  }

  private async lift(id: string): Promise<void> {
    try {
      await this.api.liftBan(id);
      this.list.querySelector(`[data-ban="${CSS.escape(id)}"]`)?.remove();
      this.status.textContent = 'Ban lifted.';
    } catch (error) {
      this.status.textContent = error instanceof Error ? error.message : 'The ban could not be lifted.';
    }
  }
}
