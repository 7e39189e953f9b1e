import { describe, expect, it } from 'vitest';
import { countLinks } from '../../lambda/domain/links';

describe('countLinks', () => {
  it('counts bare http and https URLs', () => {
    expect(countLinks('no links here')).toBe(0);
    expect(countLinks('see https://a.example/x')).toBe(1);
    expect(countLinks('see http://a.example and HTTPS://b.example/y?z=1')).toBe(2);
  });

  it('counts each <a href> once, even when its text is the URL', () => {
    expect(countLinks('<a href="https://a.example">https://a.example</a>')).toBe(1);
    expect(countLinks('<A HREF="/relative">here</A> and <a title="t" href="x">there</a>')).toBe(2);
    expect(countLinks('<a href="https://a.example">one</a> https://b.example')).toBe(2);
  });

  it('counts an unclosed anchor', () => {
    expect(countLinks('<a href="https://a.example">trailing')).toBe(1);
  });

  it('does not count a scheme without an address or other schemes', () => {
    expect(countLinks('type http:// then the address; ftp://x.example; www.example.com')).toBe(0);
  });

  it('sees through fullwidth letters and invisible characters', () => {
    expect(countLinks('ｈｔｔｐｓ://a.example')).toBe(1);
    expect(countLinks('ht\u200Btps://a.example')).toBe(1);
  });
});
