/** Published comments per article, for article lists: 1–50 ids in one request, read from the per-article counters. */
import type { CommentLists } from '../ports/comment-lists';
import { validationFailed } from '../errors';
import { ARTICLE_ID_PATTERN } from '../submission-rules';

export const MAX_COUNTED_ARTICLES = 50;

export interface CommentCounts {
  counts: Record<string, number>;
}

/** The comma-separated ids of `?articles=`; a 422 on `articles` when there are none, too many, or one is not an article id. */
export function parseArticleIds(raw: string | undefined): string[] {
  const ids = (raw ?? '').split(',').map((id) => id.trim());
  if (ids.length === 1 && ids[0] === '')
    throw validationFailed({ articles: `Give 1 to ${MAX_COUNTED_ARTICLES} article ids, separated by commas.` });
  const unique = [...new Set(ids)];
  if (unique.length > MAX_COUNTED_ARTICLES)
    throw validationFailed({ articles: `At most ${MAX_COUNTED_ARTICLES} article ids at once (${unique.length} given).` });
  const bad = unique.find((id) => !ARTICLE_ID_PATTERN.test(id));
  if (bad !== undefined)
    throw validationFailed({
      articles: `"${bad.slice(0, 40)}" is not an article id: 1 to 128 characters of A-Z, a-z, 0-9, "-", "_" or ".".`,
    });
  return unique;
}

export async function countComments(store: Pick<CommentLists, 'countPublished'>, raw: string | undefined): Promise<CommentCounts> {
  const ids = parseArticleIds(raw);
  const found = await store.countPublished(ids);
  // fromEntries defines own properties, so an id such as "__proto__" is a plain key.
  return { counts: Object.fromEntries(ids.map((id) => [id, found.get(id) ?? 0])) };
}
