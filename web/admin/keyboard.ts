/** The console's single-key shortcuts, and the line on the page that lists them. */
import { h } from '../shared/dom';

export const SHORTCUTS = [
  { key: 'j', does: 'next' },
  { key: 'k', does: 'previous' },
  { key: 'a', does: 'approve' },
  { key: 'r', does: 'reject' },
  { key: 's', does: 'spam' },
  { key: 'x', does: 'select' },
  { key: 'b', does: 'ban' },
] as const;

export type ShortcutKey = (typeof SHORTCUTS)[number]['key'];

export function shortcutsHelp(): HTMLElement {
  return h('p', { class: 'shortcuts' }, 'Keyboard: ', ...SHORTCUTS.flatMap(({ key, does }) => [h('kbd', {}, key), ` ${does}  `]));
}

/** Calls `onKey` for a shortcut pressed anywhere but in a text field; returns how to stop listening. */
export function listenForShortcuts(onKey: (key: ShortcutKey) => void): () => void {
  const keys = new Set<string>(SHORTCUTS.map((s) => s.key));
  const listener = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || !keys.has(event.key)) return;
    event.preventDefault();
    onKey(event.key as ShortcutKey);
  };
  document.addEventListener('keydown', listener);
  return () => document.removeEventListener('keydown', listener);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}
