/** Cacheable answers: the Cache-Control the contract names, from the deploy-time settings, and ETag / If-None-Match. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheableJson, edgeCacheControl, matchesIfNoneMatch } from '../../lambda/http/edge-cache';

const event = (headers: Record<string, string> = {}) => ({ headers }) as unknown as APIGatewayProxyEvent;

describe('edge cache headers', () => {
  afterEach(() => {
    delete process.env.EDGE_CACHE_SECONDS;
    delete process.env.EDGE_STALE_SECONDS;
  });

  it('defaults to s-maxage 10 and stale-while-revalidate 20, and takes both from the deploy-time settings', () => {
    expect(edgeCacheControl()).toBe('public, max-age=0, s-maxage=10, stale-while-revalidate=20, stale-if-error=86400');
    process.env.EDGE_CACHE_SECONDS = '30';
    process.env.EDGE_STALE_SECONDS = '0';
    expect(edgeCacheControl()).toBe('public, max-age=0, s-maxage=30, stale-while-revalidate=0, stale-if-error=86400');
    process.env.EDGE_CACHE_SECONDS = 'soon';
    expect(edgeCacheControl()).toContain('s-maxage=10,');
  });

  it('gives equal bodies equal ETags and different bodies different ones', () => {
    const a = cacheableJson(event(), { counts: { a: 1 } });
    const b = cacheableJson(event(), { counts: { a: 2 } });
    expect(a.headers?.ETag).toBe(cacheableJson(event(), { counts: { a: 1 } }).headers?.ETag);
    expect(a.headers?.ETag).not.toBe(b.headers?.ETag);
  });

  it('answers 304 without a body when If-None-Match names the current ETag (weakly, in a list, or *)', () => {
    const tag = String(cacheableJson(event(), { x: 1 }).headers?.ETag);
    for (const header of [tag, `W/${tag}`, `"other", ${tag}`, '*']) {
      const answer = cacheableJson(event({ 'If-None-Match': header }), { x: 1 });
      expect(answer).toMatchObject({ statusCode: 304, body: '' });
      expect(answer.headers?.ETag).toBe(tag);
    }
    expect(cacheableJson(event({ 'if-none-match': '"other"' }), { x: 1 }).statusCode).toBe(200);
    expect(matchesIfNoneMatch(undefined, tag)).toBe(false);
  });
});
