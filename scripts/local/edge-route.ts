/** What the edge keys a cached route on, and what it forwards: the path and the route's cache-key query parameters only. */
import type { Route } from '../../lambda/routes';

/** The URL the origin sees: other query parameters are not forwarded (as a CloudFront cache policy with an allow list does). */
export function edgeOriginUrl(url: URL, route: Route): URL {
  const forwarded = new URL(url.pathname, url.origin);
  for (const name of route.cacheKeyQuery ?? [])
    for (const value of url.searchParams.getAll(name)) forwarded.searchParams.append(name, value);
  return forwarded;
}

/** The cache key: the path, then the forwarded parameters in a fixed order. */
export function edgeCacheKey(url: URL, route: Route): string {
  const forwarded = edgeOriginUrl(url, route).searchParams.toString();
  return forwarded ? `${url.pathname}?${forwarded}` : url.pathname;
}
