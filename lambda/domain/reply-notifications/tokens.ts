/**
 * Signed links for confirming and unsubscribing. A token names what it is
 * for, the subscriber (the keyed hash of the address, never the address) and
 * when it expires, and carries an HMAC over all three with the service's
 * key, so a changed character or an old token is refused.
 */
import type { KeyedHasher } from '../keyed-hash';

export type TokenPurpose = 'confirm' | 'unsubscribe';

export interface TokenClaims {
  purpose: TokenPurpose;
  emailHash: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** How long a link works: a confirmation a week, an unsubscribe link (kept in old mails) a year. */
export const TOKEN_LIFETIME_SECONDS: Record<TokenPurpose, number> = { confirm: 7 * 86_400, unsubscribe: 365 * 86_400 };

const PURPOSE_CODES: Record<TokenPurpose, string> = { confirm: 'c', unsubscribe: 'u' };
const SIGNING_PURPOSE = 'subscription-token';
const TOKEN_SHAPE = /^v1\.([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/;
const HASH_SHAPE = /^[A-Za-z0-9_-]{1,100}$/;

export class SubscriptionTokens {
  constructor(
    private readonly hasher: KeyedHasher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  sign(purpose: TokenPurpose, emailHash: string): string {
    const expires = Math.floor(this.now().getTime() / 1000) + TOKEN_LIFETIME_SECONDS[purpose];
    const payload = Buffer.from(`${PURPOSE_CODES[purpose]}.${emailHash}.${expires}`).toString('base64url');
    return `v1.${payload}.${this.hasher.hash(SIGNING_PURPOSE, payload)}`;
  }

  /** The claims of a token made by `sign` for `purpose`, unless it was changed or has expired. */
  verify(token: unknown, purpose: TokenPurpose): TokenCheck {
    const match = typeof token === 'string' ? TOKEN_SHAPE.exec(token) : null;
    if (!match) return { ok: false, reason: 'invalid' };
    const [, payload, signature] = match as unknown as [string, string, string];
    if (!this.hasher.verify(SIGNING_PURPOSE, payload, signature)) return { ok: false, reason: 'invalid' };
    const [code, emailHash, expires] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
    if (code !== PURPOSE_CODES[purpose] || !emailHash || !HASH_SHAPE.test(emailHash) || !/^\d+$/.test(expires ?? ''))
      return { ok: false, reason: 'invalid' };
    if (Number(expires) * 1000 <= this.now().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { purpose, emailHash } };
  }
}
