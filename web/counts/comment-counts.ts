/** What the counts script asks for: the article ids of a page's count spans, in requests of at most 50 ids (one request for most pages). */
import { ARTICLE_ID_PATTERN } from '../../lambda/domain/submission-rules';

/** The API's limit per request (GET /counts takes 1–50 ids). */
export const IDS_PER_REQUEST = 50;

/** The distinct, well-formed ids, in page order; a malformed one is left alone rather than spoiling the request for the rest. */
export function articleIdsOf(values: ReadonlyArray<string | undefined>): string[] {
  const ids: string[] = [];
  for (const value of values) {
    const id = value?.trim();
    if (id && ARTICLE_ID_PATTERN.test(id) && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The request URLs for these ids: one per 50, so a page of up to 50 articles makes exactly one. */
export function countUrls(apiUrl: string, ids: readonly string[]): string[] {
  const base = `${apiUrl.replace(/\/+$/, '')}/counts?articles=`;
  const urls: string[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) urls.push(base + ids.slice(i, i + IDS_PER_REQUEST).join(','));
  return urls;
}
