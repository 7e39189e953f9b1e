/** A poster under a ban (by email or by address) is spam, answered like any held comment. */
import type { Phase } from './phase';

const BY = { email: 'the email', address: 'the address', both: 'the email and address' } as const;

export const banned: Phase = ({ ban }) =>
  ban ? { decide: 'spam', reason: { rule: 'ban', message: `${BY[ban.scope]} banned (ban ${ban.id})` } } : undefined;
