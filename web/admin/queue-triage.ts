/**
 * The model's view of one comment in the queue: its two scores when it
 * arrived, and what the gate did with it (decided it automatically, or
 * queued an automatic decision for audit). The strongest signals are in the
 * score reasons listed under "Why it is here".
 */
import { h } from '../shared/dom';
import type { ModeratorComment } from './api';

const AUTOMATIC = { published: 'published', rejected: 'rejected', spam: 'marked as spam' } as const;

/** The line, or null for a comment nothing scored. */
export function triageLine({ triage }: Pick<ModeratorComment, 'triage'>): HTMLElement | null {
  if (!triage) return null;
  const { remove, spam } = triage.scores;
  const verdict = triage.auto
    ? triage.audit
      ? ` · audit: the gate would have ${AUTOMATIC[triage.auto]} it`
      : ` · ${AUTOMATIC[triage.auto]} automatically`
    : '';
  return h(
    'p',
    { class: 'item-triage' },
    'Model: ',
    h('span', { class: 'triage-score', title: 'how likely a moderator would remove it' }, `remove ${remove.toFixed(2)}`),
    ', ',
    h('span', { class: 'triage-score', title: 'how likely it is spam' }, `spam ${spam.toFixed(2)}`),
    verdict,
  );
}
