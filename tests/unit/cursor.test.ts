import { describe, expect, it } from 'vitest';
import { CursorCodec } from '../../lambda/domain/cursor';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';

const codec = new CursorCodec(new KeyedHasher('a-cursor-key-of-enough-length'));

describe('CursorCodec', () => {
  it('round-trips a position for the list it was issued for', () => {
    const cursor = codec.encode('published:a1', '2026-01-01T00:00:00.000Z#abc');
    expect(codec.decode('published:a1', cursor)).toBe('2026-01-01T00:00:00.000Z#abc');
  });

  it('refuses a cursor from another list, an edited one, and garbage', () => {
    const cursor = codec.encode('published:a1', '2026-01-01T00:00:00.000Z#abc');
    expect(codec.decode('published:a2', cursor)).toBeNull();
    const [payload, mac] = cursor.split('.');
    const edited = `${Buffer.from('2030-01-01T00:00:00.000Z#abc').toString('base64url')}.${mac}`;
    expect(codec.decode('published:a1', edited)).toBeNull();
    expect(codec.decode('published:a1', `${payload}.AAAA`)).toBeNull();
    expect(codec.decode('published:a1', 'not-a-cursor')).toBeNull();
    expect(codec.decode('published:a1', 'x'.repeat(600))).toBeNull();
  });

  it('is useless without the key', () => {
    const other = new CursorCodec(new KeyedHasher('another-key-of-enough-length'));
    expect(other.decode('published:a1', codec.encode('published:a1', 'p'))).toBeNull();
  });
});
