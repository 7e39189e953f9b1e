import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Keyed hashes (HMAC-SHA256) for personal data used as look-up keys. An
 * unkeyed hash of an email can be reversed by hashing a list of addresses;
 * without the key it cannot. `purpose` separates the uses of one key.
 */
export class KeyedHasher {
  constructor(private readonly key: string) {
    if (key.length < 16) throw new Error('the hash key must be at least 16 characters');
  }

  hash(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\u0000${value}`).digest('base64url');
  }

  verify(purpose: string, value: string, expected: string): boolean {
    const actual = Buffer.from(this.hash(purpose, value));
    const given = Buffer.from(expected);
    return actual.length === given.length && timingSafeEqual(actual, given);
  }
}
