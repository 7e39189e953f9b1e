import type { KeyedHasher } from './keyed-hash';

/**
 * Opaque page cursors: the position (a sort key) plus a MAC binding it to
 * the list it came from. A cursor that was edited, or that belongs to
 * another article or status list, is refused (400) instead of being passed
 * to DynamoDB as a start key.
 */
export class CursorCodec {
  constructor(private readonly hasher: KeyedHasher) {}

  encode(scope: string, position: string): string {
    const payload = Buffer.from(position, 'utf8').toString('base64url');
    return `${payload}.${this.hasher.hash(`cursor:${scope}`, payload).slice(0, 22)}`;
  }

  /** The position, or null when the cursor is not one this service issued for `scope`. */
  decode(scope: string, cursor: string): string | null {
    if (cursor.length > 512) return null;
    const [payload, mac, extra] = cursor.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = this.hasher.hash(`cursor:${scope}`, payload).slice(0, 22);
    if (expected !== mac) return null;
    return Buffer.from(payload, 'base64url').toString('utf8');
  }
}
