/**
 * What the counts script asks for: the article ids of a page's count spans, in requests of at most 50 ids and a
 * query string short enough for the API's firewall (one request for most pages).
 */
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

/**
 * The longest query string a request carries. AWS WAF's common rule set blocks query strings over 2,048 bytes
 * (SizeRestrictions_QUERYSTRING); 50 ids of up to 128 characters would need 6,500. The margin is for encoding.
 */
export const QUERY_BYTES_MAX = 1_900;

const PARAMETER = 'articles=';

/** The request URLs for these ids: a new one every 50 ids or before the query string would pass QUERY_BYTES_MAX. */
export function countUrls(apiUrl: string, ids: readonly string[]): string[] {
  const base = `${apiUrl.replace(/\/+$/, '')}/counts?`;
  const queries: string[][] = [];
  let current: string[] = [];
  let bytes = PARAMETER.length;
  for (const id of ids) {
    const added = encodeURIComponent(id).length + (current.length > 0 ? 1 : 0);
    if (current.length === IDS_PER_REQUEST || (current.length > 0 && bytes + added > QUERY_BYTES_MAX)) {
      queries.push(current);
      current = [];
      bytes = PARAMETER.length;
    }
    current.push(id);
    bytes += encodeURIComponent(id).length + (current.length > 1 ? 1 : 0);
  }
  if (current.length > 0) queries.push(current);
  return queries.map((batch) => `${base}${PARAMETER}${batch.map(encodeURIComponent).join(',')}`);
}
