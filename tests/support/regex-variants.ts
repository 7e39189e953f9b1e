/**
 * Spells out a pattern entry into its variants, one per choice of
 * alternative: `(?:no|without(?: a)?) prescription(?: needed)?` gives
 * "no prescription", "no prescription needed", "without prescription", …
 * Groups with `?` may be left out; other quantified groups, character
 * classes and escapes stay as they are. For finding entries (or parts of
 * entries) that only some comments match, not for matching itself.
 */
export function variants(source: string): string[] {
  let at = 0;
  const sequence = (): string[] => {
    let results = [''];
    while (at < source.length && source[at] !== '|' && source[at] !== ')') {
      const atom = readAtom();
      results = results.flatMap((prefix) => atom.map((option) => prefix + option));
    }
    return results;
  };
  const alternation = (): string[] => {
    const options = sequence();
    while (source[at] === '|') {
      at++;
      options.push(...sequence());
    }
    return options;
  };
  const readAtom = (): string[] => {
    const start = at;
    const char = source[at]!;
    if (char === '(') {
      at++;
      const lookaround = /^\?<?[=!]/.test(source.slice(at, at + 3));
      if (source.startsWith('?:', at)) at += 2;
      const options = alternation();
      at++; // ')'
      const quantifier = readQuantifier();
      if (lookaround || (quantifier !== '' && quantifier !== '?')) return [source.slice(start, at)];
      return quantifier === '?' ? ['', ...options] : options;
    }
    if (char === '[') {
      at = source.indexOf(']', at + 1) + 1;
    } else if (char === '\\') {
      at += 2;
    } else {
      at++;
    }
    return [source.slice(start, at) + readQuantifier()];
  };
  const readQuantifier = (): string => {
    const match = /^(?:[?*+]|\{\d+(?:,\d*)?\})\??/.exec(source.slice(at));
    at += match?.[0].length ?? 0;
    return match?.[0] ?? '';
  };
  return [...new Set(alternation())].filter((v) => v.trim() !== '');
}
