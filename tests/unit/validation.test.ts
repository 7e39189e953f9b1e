import { describe, expect, it } from 'vitest';
import { isEmail } from '../../lambda/domain/email';
import { LIMITS, submissionShape, validateSubmission } from '../../lambda/domain/validation';

const valid = { comment: 'Nice piece.', author: 'Ann', email: 'ann@example.com', url: '' };
const fieldsOf = (input: Record<string, unknown>) => {
  const result = validateSubmission(input);
  return result.ok ? {} : result.fields;
};

describe('validateSubmission', () => {
  it('accepts a complete submission and trims it', () => {
    const result = validateSubmission({
      comment: '  Nice piece.\r\nSecond line  ',
      author: ' Ann ',
      email: ' ann@example.com ',
      url: ' https://ann.example/ ',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        comment: 'Nice piece.\nSecond line',
        author: 'Ann',
        email: 'ann@example.com',
        url: 'https://ann.example/',
        parentId: null,
        honeypot: false,
      },
    });
  });

  it('reports every missing required field at once', () => {
    expect(fieldsOf({})).toEqual({
      comment: 'Please type your comment.',
      author: 'Please enter your name.',
      email: 'Please enter your email address.',
    });
  });

  it('counts lengths in UTF-8 bytes, at and past each limit', () => {
    const at = (n: number) => 'é'.repeat(Math.floor(n / 2)) + 'a'.repeat(n % 2);
    expect(fieldsOf({ ...valid, comment: at(LIMITS.comment) })).toEqual({});
    expect(fieldsOf({ ...valid, comment: `${at(LIMITS.comment)}a` }).comment).toMatch(/too long/);
    expect(fieldsOf({ ...valid, author: at(LIMITS.author) })).toEqual({});
    expect(fieldsOf({ ...valid, author: `${at(LIMITS.author)}a` }).author).toMatch(/too long/);
    // 122 two-byte characters are 244 bytes, under the limit in characters but not in bytes + 2 more
    expect(fieldsOf({ ...valid, author: 'é'.repeat(123) }).author).toMatch(/too long/);
    const longEmail = (n: number) => `${'a'.repeat(n - '@example.com'.length)}@example.com`;
    expect(fieldsOf({ ...valid, email: longEmail(LIMITS.email) })).toEqual({});
    expect(fieldsOf({ ...valid, email: longEmail(LIMITS.email + 1) }).email).toMatch(/too long/);
    const longUrl = (n: number) => `https://example.com/${'a'.repeat(n - 'https://example.com/'.length)}`;
    expect(fieldsOf({ ...valid, url: longUrl(LIMITS.url) })).toEqual({});
    expect(fieldsOf({ ...valid, url: longUrl(LIMITS.url + 1) }).url).toMatch(/too long/);
  });

  it('strips HTML tags from the name, and a name of only tags is missing', () => {
    const result = validateSubmission({ ...valid, author: '<b>Ann</b> <script>x</script>' });
    expect(result.ok && result.value.author).toBe('Ann x');
    expect(fieldsOf({ ...valid, author: '<img src=x>' }).author).toBe('Please enter your name.');
  });

  it('leaves no tag start behind when stripping a tag joins a stray "<" to a letter', () => {
    // Found by the property test: one pass turned this into "<alert(1)".
    for (const [author, stored] of [
      ['<<script>alert(1)</script>', 'alert(1)'],
      ['Ann <<<b>i>', 'Ann i>'],
      ['a << b', 'a << b'],
    ]) {
      const result = validateSubmission({ ...valid, author });
      expect(result.ok && result.value.author, author).toBe(stored);
    }
  });

  it('accepts only http and https websites', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.com', 'example.com', 'http://']) {
      expect(fieldsOf({ ...valid, url }).url, url).toMatch(/http/);
    }
    expect(fieldsOf({ ...valid, url: 'HTTPS://Example.com/path?q=1' })).toEqual({});
  });

  it('refuses control characters and text that is not valid Unicode', () => {
    expect(fieldsOf({ ...valid, comment: 'bell\u0007' }).comment).toMatch(/control characters/);
    expect(fieldsOf({ ...valid, comment: 'tab\tand\nnewline are fine' })).toEqual({});
    expect(fieldsOf({ ...valid, author: 'Ann\nBob' }).author).toMatch(/control characters/);
    expect(fieldsOf({ ...valid, comment: 'lone \uD800 surrogate' }).comment).toMatch(/not valid Unicode/);
    expect(fieldsOf({ ...valid, author: 'evil\u202Egnp.exe' }).author).toMatch(/direction/);
    expect(fieldsOf({ ...valid, author: '\u200B\u200B' }).author).toBe('Please enter your name.');
    expect(fieldsOf({ ...valid, comment: '\u200B\u2060\uFEFF' }).comment).toBe('Please type your comment.');
    expect(fieldsOf({ ...valid, comment: 'family: 👨\u200D👩\u200D👧' })).toEqual({});
  });

  it('reads the parent from parentId or WordPress comment_parent, 0 meaning none', () => {
    const parent = 'abcdef0123456789abcd';
    expect(validateSubmission({ ...valid, comment_parent: '0' })).toMatchObject({ ok: true, value: { parentId: null } });
    expect(validateSubmission({ ...valid, comment_parent: parent })).toMatchObject({ ok: true, value: { parentId: parent } });
    expect(validateSubmission({ ...valid, parentId: parent })).toMatchObject({ ok: true, value: { parentId: parent } });
    expect(fieldsOf({ ...valid, parentId: '../etc' }).parentId).toMatch(/does not exist/);
  });

  it('flags a filled honeypot without telling the sender', () => {
    expect(validateSubmission({ ...valid, website_confirm: 'http://spam' })).toMatchObject({ ok: true, value: { honeypot: true } });
  });
});

describe('submissionShape (the JSON types, shared with the API Gateway model)', () => {
  it('refuses non-string fields and ignores unknown ones', () => {
    expect(submissionShape.safeParse({ ...valid, comment: 42 }).success).toBe(false);
    expect(submissionShape.safeParse({ ...valid, author: ['Ann'] }).success).toBe(false);
    expect(submissionShape.safeParse({ ...valid, extra: { nested: true } }).success).toBe(true);
    expect(submissionShape.safeParse({ ...valid, url: null }).success).toBe(true);
  });
});

describe('isEmail (WordPress is_email rules)', () => {
  it.each([
    ['ann@example.com', true],
    ["o'brien+tag@mail.example.co.uk", true],
    ['a@b.c', false], // shorter than 6
    ['ann.example.com', false],
    ['@example.com', false],
    ['ann@localhost', false],
    ['ann@exa..mple.com', false],
    ['ann@.example.com', false],
    ['ann@-example.com', false],
    ['ann@exämple.com', false],
    ['an n@example.com', false],
  ])('%s -> %s', (email, expected) => {
    expect(isEmail(email)).toBe(expected);
  });
});
