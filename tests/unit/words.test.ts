import { describe, expect, it } from 'vitest';
import { compileWordList, normaliseForMatching, parseEntry } from '../../lambda/domain/words';

const finds = (entries: string[], text: string) => compileWordList(entries).find(text);

describe('word lists', () => {
  it('match whole words by default, case-insensitively', () => {
    expect(finds(['press'], 'Stop the PRESS!')).toBe('press');
    expect(finds(['press'], 'Made with WordPress')).toBeNull();
    expect(finds(['press'], 'pressing matters')).toBeNull();
    expect(finds(['press'], 'press-release')).toBe('press');
  });

  it('match inside words when written *word*, at word starts with word*, at word ends with *word', () => {
    expect(finds(['*press*'], 'Made with WordPress')).toBe('*press*');
    expect(finds(['press*'], 'pressing matters')).toBe('press*');
    expect(finds(['press*'], 'WordPress')).toBeNull();
    expect(finds(['*press'], 'WordPress')).toBe('*press');
    expect(finds(['*press'], 'pressing')).toBeNull();
  });

  it('match phrases across any run of white space', () => {
    expect(finds(['buy now'], 'Please buy\n  now!')).toBe('buy now');
    expect(finds(['buy now'], 'buy nowhere')).toBeNull();
  });

  it('name the entry that occurs first in the text', () => {
    expect(finds(['alpha', 'beta', 'gamma'], 'gamma then beta')).toBe('gamma');
  });

  it('treat regular expression characters literally', () => {
    expect(finds(['c++'], 'I write c++ daily')).toBe('c++');
    expect(finds(['a.b'], 'axb')).toBeNull();
  });

  it('see through look-alike tricks', () => {
    const cases: Array<[string, string]> = [
      ['fullwidth letters', 'ｖｉａｇｒａ'],
      ['mathematical bold letters', '𝐯𝐢𝐚𝐠𝐫𝐚'],
      ['a zero-width space inside the word', 'via\u200Bgra'],
      ['a zero-width joiner and a soft hyphen', 'vi\u200Dag\u00ADra'],
      ['combining accents', 'v\u0301i\u0300a\u0302gra'],
      ['precomposed accents', 'víàgrâ'],
      ['a stack of combining marks', 'v\u0336\u0337i\u0338agra'],
      ['Cyrillic look-alikes (а, і)', 'v\u0456\u0430gr\u0430'],
      ['Greek look-alikes (ι, α)', 'v\u03B9\u03B1gr\u03B1'],
      ['mixed case', 'ViAgRa'],
    ];
    for (const [trick, text] of cases) expect(finds(['viagra'], `cheap ${text} here`), trick).toBe('viagra');
  });

  it('normalise entries the same way as text', () => {
    expect(finds(['ＣＡＳＩＮＯ'], 'online casino')).toBe('ＣＡＳＩＮＯ');
    expect(normaliseForMatching('Straße')).toBe('strasse');
  });

  it('refuse entries with nothing to match', () => {
    expect(parseEntry('**')).toBeNull();
    expect(parseEntry('*\u200B*')).toBeNull();
    expect(parseEntry('a*b')).toBeNull();
    expect(parseEntry(' spam ')).toEqual({ entry: 'spam', core: 'spam', mode: 'word' });
  });

  it('do not over-match: digits and separators are left alone', () => {
    expect(finds(['viagra'], 'v1agra')).toBeNull();
    expect(finds(['viagra'], 'v.i.a.g.r.a')).toBeNull();
  });
});
