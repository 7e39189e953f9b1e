import { describe, expect, it } from 'vitest';
import { KeyedHasher } from '../../../lambda/domain/keyed-hash';
import { SubscriptionTokens, TOKEN_LIFETIME_SECONDS } from '../../../lambda/domain/reply-notifications/tokens';

const hasher = new KeyedHasher('a-test-key-of-at-least-16-characters');
const T0 = Date.parse('2030-03-01T12:00:00Z');
const tokensAt = (ms: number) => new SubscriptionTokens(hasher, () => new Date(ms));
const HASH = hasher.hash('email', 'ann@example.com');

describe('subscription tokens', () => {
  it('carry the subscriber hash and purpose, and no email', () => {
    const token = tokensAt(T0).sign('confirm', HASH);
    expect(tokensAt(T0).verify(token, 'confirm')).toEqual({ ok: true, claims: { purpose: 'confirm', emailHash: HASH } });
    const decoded = token
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('utf8'))
      .join(' ');
    expect(`${token} ${decoded}`).not.toMatch(/ann|example|@/);
  });

  it('refuse a token made for the other purpose', () => {
    expect(tokensAt(T0).verify(tokensAt(T0).sign('confirm', HASH), 'unsubscribe')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuse every one-character change, a cut token, another key and non-strings', () => {
    const token = tokensAt(T0).sign('unsubscribe', HASH);
    for (let i = 0; i < token.length; i++) {
      const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(tokensAt(T0).verify(changed, 'unsubscribe').ok, `changed at ${i}`).toBe(false);
    }
    expect(tokensAt(T0).verify(token.slice(0, -1), 'unsubscribe').ok).toBe(false);
    const otherKey = new SubscriptionTokens(new KeyedHasher('another-key-of-16-characters!'), () => new Date(T0));
    expect(otherKey.verify(token, 'unsubscribe').ok).toBe(false);
    for (const junk of [undefined, null, 42, '', 'v1..', `${token}.extra`]) expect(tokensAt(T0).verify(junk, 'unsubscribe').ok).toBe(false);
  });

  it('expire: a confirmation after a week, an unsubscribe link after a year', () => {
    const confirm = tokensAt(T0).sign('confirm', HASH);
    const week = TOKEN_LIFETIME_SECONDS.confirm * 1000;
    expect(tokensAt(T0 + week - 1000).verify(confirm, 'confirm').ok).toBe(true);
    expect(tokensAt(T0 + week).verify(confirm, 'confirm')).toEqual({ ok: false, reason: 'expired' });
    const unsubscribe = tokensAt(T0).sign('unsubscribe', HASH);
    expect(tokensAt(T0 + 300 * 86_400_000).verify(unsubscribe, 'unsubscribe').ok).toBe(true);
    expect(tokensAt(T0 + 366 * 86_400_000).verify(unsubscribe, 'unsubscribe')).toEqual({ ok: false, reason: 'expired' });
  });
});
