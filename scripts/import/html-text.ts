/**
 * Comment HTML from an export as the text readers saw: WordPress's allowed
 * tags (links, emphasis, quotes, code, lists) dropped, paragraphs and line
 * breaks kept as blank lines and newlines, entities decoded, and each
 * link's address kept as text so nothing of what it pointed to is lost.
 * Pure; nothing here is ever rendered as HTML.
 */

/** The named entities WordPress and Disqus write (kses allows more; any other stays as written). */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  middot: '·',
  bull: '•',
  prime: '′',
  Prime: '″',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  minus: '−',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  shy: '\u00AD',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  iexcl: '¡',
  iquest: '¿',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  hearts: '♥',
};

/** Decodes numeric and the common named character references; unknown or invalid ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

// Elements after which the text continues on a new paragraph or line.
const PARAGRAPH = new Set([
  ...['p', 'blockquote', 'pre', 'ul', 'ol', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'address', 'hr', 'dl'],
  ...['article', 'section', 'header', 'footer', 'aside', 'nav', 'figure', 'figcaption', 'details', 'summary', 'center'],
]);
const LINE = new Set(['br', 'li', 'tr', 'dt', 'dd']);
// Whose content is never text a reader saw.
const HIDDEN = new Set(['script', 'style']);

const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][A-Za-z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/** The text of comment HTML, as shown to readers, with link addresses kept. */
export function htmlToText(html: string): string {
  let out = '';
  let hidden: string | null = null;
  let link: { href: string | null; start: number } | null = null;
  let last = 0;
  // Item numbers of the ordered lists open here (null for a bulleted one), innermost last.
  const lists: Array<number | null> = [];
  for (const match of html.matchAll(TAG)) {
    const index = match.index ?? 0;
    if (hidden === null) out += decodeEntities(html.slice(last, index));
    last = index + match[0].length;
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    if (!name) continue; // a comment
    if (hidden !== null) {
      if (closing && name === hidden) hidden = null;
      continue;
    }
    if (HIDDEN.has(name) && !closing) hidden = name;
    else if (name === 'a' && !closing) link = { href: hrefOf(match[3] ?? ''), start: out.length };
    else if (name === 'a' && closing && link) {
      out = out.slice(0, link.start) + linkText(out.slice(link.start), link.href);
      link = null;
    } else if (name === 'li' && !closing && typeof lists.at(-1) === 'number') {
      const number = (lists.at(-1) as number) + 1;
      lists[lists.length - 1] = number;
      out += `\n${number}. `;
    } else if (PARAGRAPH.has(name)) {
      if (name === 'ol' || name === 'ul') {
        if (closing) lists.pop();
        else lists.push(name === 'ol' ? 0 : null);
      }
      out += '\n\n';
    }
    // A line break starts a line once: "<br />" followed by a newline is one break (WordPress writes both).
    else if (LINE.has(name) && !closing && !/^\r?\n/.test(html.slice(last, last + 2))) out += '\n';
  }
  if (hidden === null) out += decodeEntities(html.slice(last));
  if (link) out = out.slice(0, link.start) + linkText(out.slice(link.start), link.href);
  return smiliesAsEmoji(tidy(out));
}

// WordPress's word smilies (smilies_init), which readers saw as images: as text they read as code.
const SMILIES: Record<string, string> = {
  mrgreen: '😀',
  neutral: '😐',
  twisted: '😈',
  arrow: '➡',
  shock: '😯',
  smile: '🙂',
  '???': '😕',
  cool: '😎',
  evil: '👿',
  grin: '😀',
  idea: '💡',
  oops: '😳',
  razz: '😛',
  roll: '🙄',
  wink: '😉',
  cry: '😥',
  eek: '😮',
  lol: '😆',
  mad: '😡',
  sad: '🙁',
  '!': '❗',
  '?': '❓',
};
const SMILEY =
  /(^|\s):(mrgreen|neutral|twisted|arrow|shock|smile|\?\?\?|cool|evil|grin|idea|oops|razz|roll|wink|cry|eek|lol|mad|sad|!|\?):(?=\s|$)/g;

function smiliesAsEmoji(text: string): string {
  return text.replace(SMILEY, (_whole, before: string, code: string) => `${before}${SMILIES[code]}`);
}

function hrefOf(attributes: string): string | null {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes);
  const raw = match ? (match[1] ?? match[2] ?? match[3] ?? '') : '';
  const href = decodeEntities(raw).trim();
  return /^https?:\/\/\S+$/i.test(href) ? href : null;
}

/** "label (address)", or just the address when the label is the address; other schemes are dropped. */
function linkText(label: string, href: string | null): string {
  if (!href) return label;
  const shown = label.trim();
  if (shown === '' || shown === href || shown === href.replace(/\/$/, '')) return href;
  if (shown.includes(href)) return label;
  // Disqus shortens long addresses shown as the label: "http://x.example/very-lo..." for http://x.example/very-long-path.
  const stem = shown.replace(/(?:\.\.\.|…)$/, '');
  if (stem !== shown && stem.length > 0 && (href.startsWith(stem) || safeDecode(href).startsWith(stem))) return href;
  return `${label} (${href})`;
}

function safeDecode(uri: string): string {
  try {
    return decodeURI(uri);
  } catch {
    return uri;
  }
}

/** WordPress's auto-paragraphs: single newlines are line breaks, blank lines paragraphs; no runs of blank lines, no trailing spaces. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
