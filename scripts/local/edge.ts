/**
 * The local stand-in for CloudFront in front of the public reads. It caches
 * exactly as the origin's headers say, with `http-cache-semantics` deciding
 * freshness, stale-while-revalidate, stale-if-error and revalidation (no
 * freshness rule is written here), and answers like CloudFront does:
 *  - the cache key is the path and the route's cache-key query parameters
 *    only; the origin sees only those and no client header, so nothing
 *    personal can split or poison the cache (a reader's Cache-Control is
 *    ignored, as CloudFront ignores it);
 *  - concurrent misses of one key make one origin request (request
 *    collapsing, what Origin Shield does across edge locations);
 *  - a reader's If-None-Match is answered from the cache with a 304;
 *  - every answer says `X-Cache: Hit from local-edge` or `Miss from local-edge`;
 *  - purge(prefix) drops every cached path that starts with the prefix, as a
 *    CloudFront invalidation path ending in `*` does.
 */
import CachePolicy from 'http-cache-semantics';
import { matchesIfNoneMatch } from '../../lambda/http/edge-cache';

export interface EdgeAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Calls the origin with the given extra request headers (the cache's own revalidation headers). */
export type Origin = (headers: Record<string, string>) => Promise<EdgeAnswer>;

interface Entry {
  policy: CachePolicy;
  answer: EdgeAnswer;
}

export interface EdgeStats {
  hits: number;
  misses: number;
  originRequests: number;
  purges: number;
}

const HOST = 'local-edge';

/** What the cache policy sees of a request: the key alone, never the reader's headers. */
const policyRequest = (key: string): CachePolicy.Request => ({ url: key, method: 'GET', headers: { host: HOST } });

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

export class LocalEdge {
  readonly stats: EdgeStats = { hits: 0, misses: 0, originRequests: 0, purges: 0 };
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry | EdgeAnswer>>();
  /** Bumped by every purge, so an origin answer fetched before a purge is not stored after it. */
  private generation = 0;

  /** Serves one GET of a cached route. `key` is the path plus the cache-key query parameters. */
  async serve(key: string, clientIfNoneMatch: string | undefined, origin: Origin): Promise<EdgeAnswer> {
    const request = policyRequest(key);
    const cached = this.entries.get(key);
    const evaluation = cached?.policy.evaluateRequest(request);
    let served: { answer: EdgeAnswer; headers: Record<string, string>; hit: boolean };
    if (cached && evaluation?.response) {
      // Fresh, or stale within stale-while-revalidate: answer now, refresh behind the reader's back.
      if (evaluation.revalidation) void this.fetch(key, origin).catch(() => undefined);
      served = { answer: cached.answer, headers: evaluation.response.headers as Record<string, string>, hit: true };
    } else {
      const fetched = await this.fetch(key, origin);
      served =
        'policy' in fetched
          ? { answer: fetched.answer, headers: fetched.policy.responseHeaders() as Record<string, string>, hit: false }
          : { answer: fetched, headers: fetched.headers, hit: false };
    }
    if (served.hit) this.stats.hits += 1;
    else this.stats.misses += 1;
    const headers: Record<string, string> = { ...served.headers, 'x-cache': `${served.hit ? 'Hit' : 'Miss'} from local-edge` };
    if (served.answer.status === 200 && headers.etag && matchesIfNoneMatch(clientIfNoneMatch, headers.etag)) {
      const { 'content-type': _type, 'content-length': _length, ...rest } = headers;
      return { status: 304, headers: rest, body: Buffer.alloc(0) };
    }
    return { status: served.answer.status, headers, body: served.answer.body };
  }

  /** Drops every cached key that starts with `prefix` (a CloudFront invalidation path ending in `*`). */
  purge(prefix: string): number {
    this.generation += 1;
    this.stats.purges += 1;
    let dropped = 0;
    for (const key of [...this.entries.keys()])
      if (key.startsWith(prefix)) {
        this.entries.delete(key);
        dropped += 1;
      }
    return dropped;
  }

  /** One origin request per key at a time; what it brings is stored when the policy allows. */
  private fetch(key: string, origin: Origin): Promise<Entry | EdgeAnswer> {
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.revalidate(key, origin).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async revalidate(key: string, origin: Origin): Promise<Entry | EdgeAnswer> {
    const request = policyRequest(key);
    const cached = this.entries.get(key);
    const generation = this.generation;
    this.stats.originRequests += 1;
    let answer: EdgeAnswer;
    try {
      answer = await origin(cached ? (cached.policy.revalidationHeaders(request) as Record<string, string>) : {});
    } catch (error) {
      // The origin is unreachable: stale-if-error decides whether the stored answer may still be used.
      if (cached?.policy.revalidatedPolicy(request, { status: 504, headers: {} }).matches) return cached;
      throw error;
    }
    const response = { status: answer.status, headers: lowerCaseHeaders(answer.headers) };
    const fresh: EdgeAnswer = { ...answer, headers: response.headers };
    let entry: Entry;
    if (cached) {
      const { policy, modified } = cached.policy.revalidatedPolicy(request, response);
      // A 5xx within stale-if-error leaves the stored answer in use.
      if (policy === cached.policy && !modified) return cached;
      entry = { policy, answer: modified ? fresh : cached.answer };
    } else {
      entry = { policy: new CachePolicy(request, response, { shared: true }), answer: fresh };
    }
    if (entry.answer.status !== 200 || !entry.policy.storable()) {
      // An error, or an answer no shared cache may keep: pass it on, keep nothing.
      this.entries.delete(key);
      return fresh;
    }
    if (generation === this.generation) this.entries.set(key, entry);
    return entry;
  }
}
