/** A filled honeypot (the hidden field only bots see) is spam, answered like any held comment. */
import type { Phase } from './phase';

export const honeypot: Phase = ({ submission }) =>
  submission.honeypot ? { decide: 'spam', reason: { rule: 'honeypot', message: 'the hidden field was filled in' } } : undefined;
