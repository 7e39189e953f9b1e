/** A page's one line of news: a polite status for what worked, an alert for what did not. */
import { h } from '../../shared/dom';

export function pageNotice() {
  // Live regions must be on the page before their text changes to be announced.
  const status = h('p', { class: 'notice-success', role: 'status' });
  const alert = h('p', { class: 'notice-error', role: 'alert' });
  const element = h('div', { class: 'page-notice' }, status, alert);
  const show = (region: HTMLElement, other: HTMLElement, text: string) => {
    other.textContent = '';
    // Set at once, with no timer or frame to wait for (a page the browser is not painting runs neither
    // on time). The same message twice must still change the region to be announced again: the repeat
    // carries a trailing no-break space.
    region.textContent = region.textContent === text ? `${text}\u00a0` : text;
  };
  return {
    element,
    success: (text: string) => show(status, alert, text),
    error: (text: string) => show(alert, status, text),
    clear: () => {
      status.textContent = '';
      alert.textContent = '';
    },
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
