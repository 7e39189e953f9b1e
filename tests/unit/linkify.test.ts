import { describe, expect, it } from 'vitest';
import { linkPieces } from '../../web/form/linkify';

const links = (text: string) => linkPieces(text).filter((p) => p.href !== undefined);

describe("linkPieces (the form's URL finder)", () => {
  it('turns http and https addresses into links and keeps the rest as text', () => {
    expect(linkPieces('see https://a.example/x?y=1 and http://b.example')).toEqual([
      { text: 'see ' },
      { text: 'https://a.example/x?y=1', href: 'https://a.example/x?y=1' },
      { text: ' and ' },
      { text: 'http://b.example', href: 'http://b.example/' },
    ]);
  });

  it('gives the text back unchanged when the pieces are joined', () => {
    const text = 'Read (https://a.example/a_(b)), then https://c.example. Done!';
    expect(
      linkPieces(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
  });

  it('leaves trailing punctuation out of the link', () => {
    expect(links('Go to https://a.example/page.').map((p) => p.text)).toEqual(['https://a.example/page']);
    expect(links('Really? https://a.example/?q=1!?').map((p) => p.text)).toEqual(['https://a.example/?q=1']);
    expect(links('(see https://a.example/x)').map((p) => p.text)).toEqual(['https://a.example/x']);
    expect(links('"https://a.example/quoted", he said').map((p) => p.text)).toEqual(['https://a.example/quoted']);
    expect(links('«https://a.example/x»…').map((p) => p.text)).toEqual(['https://a.example/x']);
  });

  it('keeps a closing bracket that belongs to the address', () => {
    expect(links('https://en.wikipedia.org/wiki/Kyiv_(disambiguation).').map((p) => p.text)).toEqual([
      'https://en.wikipedia.org/wiki/Kyiv_(disambiguation)',
    ]);
  });

  it('links nothing else: other schemes, bare domains, a scheme without a host, a scheme glued to a word', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'www.example.com and example.com',
      'ftp://files.example/x',
      'type http:// and then the address',
      'xhttp://a.example',
      'mailto:someone@example.com',
      '<a href="javascript:alert(1)">x</a>',
    ]) {
      expect(links(text), text).toEqual([]);
    }
  });

  it('stops at quotes, angle brackets, spaces and invisible direction controls', () => {
    expect(links('https://a.example/"onmouseover="alert(1)').map((p) => p.text)).toEqual(['https://a.example/']);
    expect(links('<https://a.example/x>').map((p) => p.text)).toEqual(['https://a.example/x']);
    expect(links('https://a.example/\u202Etxt.exe').map((p) => p.text)).toEqual(['https://a.example/']);
  });

  it('finds an address in any case and at the start of a line', () => {
    expect(links('HTTPS://A.EXAMPLE/Path').map((p) => p.href)).toEqual(['https://a.example/Path']);
  });
});
