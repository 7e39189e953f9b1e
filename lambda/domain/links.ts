/**
 * Counting links in a comment, as WordPress's comment_max_links does after
 * make_clickable: each `<a href` tag is one link, and each bare http(s) URL
 * outside such a tag is one more. A URL that is both the href and the text
 * of one anchor counts once.
 */

import { withoutInvisible } from './text-patterns';

const ANCHOR_TAGS = /<a\s[^>]*?\bhref\b/gi;
const HAS_HREF = /<a\s[^>]*?\bhref\b/i;
// An anchor with its text, or an anchor tag left unclosed.
const ANCHOR_ELEMENT = /<a\s[^>]*>(?:[\s\S]*?<\/a\s*>)?/gi;
const BARE_URL = /\bhttps?:\/\/[^\s<>"']+/gi;

export function countLinks(text: string): number {
  // NFKC and invisible characters first, so "ｈｔｔｐｓ://" or "ht\u200Btp://" still count.
  const plain = withoutInvisible(text.normalize('NFKC'));
  const anchors = plain.match(ANCHOR_TAGS)?.length ?? 0;
  const outside = plain.replace(ANCHOR_ELEMENT, (element) => (HAS_HREF.test(element) ? ' ' : element));
  return anchors + (outside.match(BARE_URL)?.length ?? 0);
}
