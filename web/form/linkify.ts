/**
 * Finds the http(s) addresses in a comment so the page can show them as
 * links, as WordPress does. Pure: it returns pieces of text, and the caller
 * builds DOM nodes from them (never HTML from text).
 */
export type TextPiece = { text: string; href?: undefined } | { text: string; href: string };

// A scheme at the start or after something that is not a letter or digit ("xhttp://" is not a link).
const CANDIDATE = /(^|[^\p{L}\p{N}])(https?:\/\/[^\s<>"`\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]+)/giu;
// Punctuation that ends a sentence rather than an address.
const TRAILING = new Set([...'.,;:!?\'"…»”’*_', ')', ']', '}']);
const OPENER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** The text split into plain pieces and link pieces, in order; joined, the pieces give the text back. */
export function linkPieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = (match.index ?? 0) + (match[1] ?? '').length;
    const address = trimTrailing(match[2] ?? '');
    const href = httpHref(address);
    if (!href) continue;
    if (start > plainFrom) pieces.push({ text: text.slice(plainFrom, start) });
    pieces.push({ text: address, href });
    plainFrom = start + address.length;
  }
  if (plainFrom < text.length) pieces.push({ text: text.slice(plainFrom) });
  return pieces;
}

/** Drops sentence punctuation from the end, but keeps a closing bracket the address opened itself (Wikipedia's "_(film)"). */
function trimTrailing(candidate: string): string {
  let address = candidate;
  for (;;) {
    const last = address.at(-1) ?? '';
    if (!TRAILING.has(last)) return address;
    const opener = OPENER[last];
    if (opener && count(address, opener) >= count(address, last)) return address;
    address = address.slice(0, -1);
  }
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

/** The normalised address when it is an http(s) URL with a host, else null. */
function httpHref(address: string): string | null {
  try {
    const url = new URL(address);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
    return url.href;
  } catch {
    return null;
  }
}
