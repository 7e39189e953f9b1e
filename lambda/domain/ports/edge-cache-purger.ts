/** Drops articles' cached public pages at the edge (CloudFront deployed, the local edge stand-in under npm start). */
export interface EdgeCachePurger {
  purgeArticles(articleIds: readonly string[]): Promise<void>;
}

/** Every cached page of an article's public list, as one path ending in `*` (each list query string included). */
export const articleCachePath = (apiPrefix: string, articleId: string): string =>
  `${apiPrefix}/articles/${encodeURIComponent(articleId)}/comments*`;
