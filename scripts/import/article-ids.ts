/**
 * Article ids from what an export says about a post or thread. The service
 * takes 1–128 of A-Z a-z 0-9 . _ -; a slug or link segment with anything
 * else (a Cyrillic or Chinese title, an em dash) is spelled byte by byte:
 * each UTF-8 byte outside that set becomes "_" and two upper-case hex
 * digits, so "café" is "caf_C3_A9". The site's page must use the same id in
 * data-article-id (docs/import.md gives the one-line function), or the
 * owner maps ids by hand with --article-id-map.
 */
import { readFileSync } from 'node:fs';

const KEPT = /[A-Za-z0-9._-]/;

/** A slug or path segment as an article id: decoded from percent-encoding, then spelled as above. */
export function articleIdOfText(raw: string): string {
  let text = raw.trim();
  try {
    text = decodeURIComponent(text);
  } catch {
    // A stray "%" that is not an escape: spell it as it is.
  }
  let id = '';
  for (const char of text) {
    if (KEPT.test(char)) id += char;
    else for (const byte of new TextEncoder().encode(char)) id += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return id;
}

/**
 * The article a link points to: the "p" of "?p=123", the segment before
 * "index.html" ("…/about/index.html" is "about"), otherwise the last segment.
 * Empty when the link is not a URL or has no path.
 */
export function articleIdOfLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return '';
  }
  const postId = url.searchParams.get('p') ?? url.searchParams.get('page_id');
  if (postId !== null && /^\d+$/.test(postId)) return postId;
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.length > 1 && /^index\.html?$/i.test(segments.at(-1) ?? '')) segments.pop();
  return articleIdOfText(segments.at(-1) ?? '');
}

/** A Disqus thread identifier: "198 http://site.example/?p=198" (the WordPress plugin's) is post 198. */
export function articleIdOfIdentifier(identifier: string): string {
  const plugin = /^(\d+) \S+$/.exec(identifier.trim());
  return plugin ? plugin[1]! : articleIdOfText(identifier);
}

/** Article ids chosen by hand: a CSV of "what the export says" (link, slug, post or thread id), "article id". */
export type ArticleIdMap = ReadonlyMap<string, string>;

export class ArticleIdMapError extends Error {}

export function parseArticleIdMap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const comma = trimmed.lastIndexOf(',');
    const from = unquote(trimmed.slice(0, Math.max(0, comma)));
    const to = unquote(trimmed.slice(comma + 1));
    if (comma < 0 || from === '' || to === '') throw new ArticleIdMapError(`line ${index + 1}: expected "what the export says,article id"`);
    map.set(from, to);
  });
  return map;
}

export function readArticleIdMap(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ArticleIdMapError(`cannot read the article id map ${path}`);
  }
  return parseArticleIdMap(text);
}

const unquote = (value: string) =>
  value
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();

/** The first of `candidates` found in the map, if any. */
export function mappedArticleId(map: ArticleIdMap | undefined, candidates: readonly (string | undefined)[]): string | undefined {
  if (!map || map.size === 0) return undefined;
  for (const candidate of candidates) {
    const value = candidate?.trim();
    if (value && map.has(value)) return map.get(value);
  }
  return undefined;
}
