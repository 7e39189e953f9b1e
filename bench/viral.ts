/**
 * Section 8: a viral article through the local edge. Closed-loop readers
 * load one article's first page as fast as the machine lets them for the
 * run's duration, through the edge stand-in `npm start` uses (the same
 * cache semantics as CloudFront: s-maxage 10, stale-while-revalidate 20,
 * one origin request per key at a time, as Origin Shield collapses misses).
 * Reported: page loads, origin requests and DynamoDB read units per second,
 * with the edge as measured and without it (every load an origin request,
 * each one Query of the measured units), the hit ratio, the cost per
 * million page loads with CloudFront, and what one counts request reads.
 */
import { gzipSync } from 'node:zlib';
import { logger } from '../lambda/wiring/observability';
import { startLocalRuntime } from '../scripts/local/runtime';
import { meteredService } from './service';
import { round } from './stats';
import { serviceTables } from './tables';

/** CloudFront pay-as-you-go, us-east-1 / North America, from AWS's pricing page as we know it (not re-read from this offline machine). */
export const CLOUDFRONT_PRICES = {
  taken: '2026-11-30 (from memory of the published pricing page; not re-read offline)',
  httpsRequestsPerMillion: 1.0,
  dataTransferOutPerGb: 0.085,
  invalidationPathAfterFreeThousand: 0.005,
  /** Origin Shield (the stack turns it on): each request a regional cache sends to the shield, US/Europe. */
  originShieldPerTenThousandRequests: 0.0075,
  /** Flat-rate plans announced 18 Nov 2025: monthly price and included requests. */
  flatRate: [
    { plan: 'Free', perMonth: 0, requests: 1_000_000 },
    { plan: 'Pro', perMonth: 15, requests: 10_000_000 },
    { plan: 'Business', perMonth: 200, requests: 125_000_000 },
    { plan: 'Premium', perMonth: 1_000, requests: 500_000_000 },
  ],
} as const;

export interface ViralResult {
  seconds: number;
  readers: number;
  publishedComments: number;
  pageLoads: number;
  pageLoadsPerSecond: number;
  originRequests: number;
  originRequestsPerSecond: number;
  hitRatio: number;
  readUnitsPerPage: number;
  withEdge: { originRequestsPerSecond: number; readUnitsPerSecond: number };
  withoutEdge: { originRequestsPerSecond: number; readUnitsPerSecond: number; note: string };
  /** Dollars per million page loads with CloudFront in front (origin costs scaled by the miss ratio). */
  costPerMillionPageLoads: {
    cloudFront: number;
    /** Origin Shield's request charge: at most one shield request per edge miss. */
    originShield?: number;
    origin: number;
    total: number;
    gzippedPageKb: number;
    originPerMillionWithoutEdge: number;
  };
  counts: { articles: number; calls: Record<string, number>; readUnits: number };
  prices: typeof CLOUDFRONT_PRICES;
}

export async function measureViral(
  endpoint: string,
  options: { seconds: number; readers: number; readUnitsPerPage: number; originDollarsPerMillion: number },
  log: (line: string) => void,
): Promise<ViralResult> {
  // The handlers run in this process: their request lines would drown the benchmark's own.
  logger.setLogLevel('SILENT');
  const runtime = await startLocalRuntime({
    port: 0,
    inMemory: true,
    dynamoDbEndpoint: endpoint,
    tablePrefix: 'viral_',
    quiet: true,
    notifications: false,
    edge: true,
    edgeFreshSeconds: 10,
    edgeStaleSeconds: 20,
    moderatorToken: 'bench-viral-moderator-token',
  });
  try {
    const article = 'viral-article';
    const admin = { authorization: 'Bearer bench-viral-moderator-token', 'content-type': 'application/json' };
    await fetch(`${runtime.apiUrl}/admin/settings`, { method: 'PUT', headers: admin, body: '{"floodSeconds":0,"premoderation":false}' });
    const published = 50;
    for (let i = 0; i < published; i++)
      await fetch(`${runtime.apiUrl}/articles/${article}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          comment: `Viral comment ${i}: a reader's view of a typical length.`,
          author: `Reader ${i}`,
          email: `viral${i}@example.com`,
        }),
      });
    const page = await (await fetch(`${runtime.apiUrl}/articles/${article}/comments`)).arrayBuffer();

    const edge = runtime.edge!;
    const before = { ...edge.stats };
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    let loads = 0;
    const reader = async () => {
      while (performance.now() < deadline) {
        const response = await fetch(`${runtime.apiUrl}/articles/${article}/comments`);
        await response.arrayBuffer();
        if (response.status === 200) loads += 1;
      }
    };
    await Promise.all(Array.from({ length: options.readers }, reader));
    const elapsed = (performance.now() - started) / 1000;
    const origin = edge.stats.originRequests - before.originRequests;
    const hits = edge.stats.hits - before.hits;
    log(
      `  ${loads} page loads in ${elapsed.toFixed(1)} s (${Math.round(loads / elapsed)}/s), ${origin} origin requests, hit ratio ${round(hits / loads, 4)}`,
    );

    const { service, meter } = meteredService(endpoint, (await serviceTables(endpoint, 'viral_')).names, {});
    const ids = [article, ...Array.from({ length: 49 }, (_, i) => `other-article-${i}`)];
    const counted = await meter.measure(() => service.countPublished(ids.join(',')));

    const missRatio = origin / loads;
    const gzippedPageKb = round(gzipSync(Buffer.from(page)).length / 1024, 2);
    const cloudFront =
      CLOUDFRONT_PRICES.httpsRequestsPerMillion + ((gzippedPageKb * 1_000_000) / 1024 / 1024) * CLOUDFRONT_PRICES.dataTransferOutPerGb;
    const originCost = options.originDollarsPerMillion * missRatio;
    const originShield = missRatio * 100 * CLOUDFRONT_PRICES.originShieldPerTenThousandRequests;
    return {
      seconds: round(elapsed, 1),
      readers: options.readers,
      publishedComments: published,
      pageLoads: loads,
      pageLoadsPerSecond: Math.round(loads / elapsed),
      originRequests: origin,
      originRequestsPerSecond: round(origin / elapsed, 3),
      hitRatio: round(hits / loads, 5),
      readUnitsPerPage: options.readUnitsPerPage,
      withEdge: {
        originRequestsPerSecond: round(origin / elapsed, 3),
        readUnitsPerSecond: round((origin / elapsed) * options.readUnitsPerPage, 3),
      },
      withoutEdge: {
        originRequestsPerSecond: Math.round(loads / elapsed),
        readUnitsPerSecond: Math.round((loads / elapsed) * options.readUnitsPerPage),
        note: 'every page load is an API request, a Lambda invocation and one Query of the published index (the measured units per page)',
      },
      costPerMillionPageLoads: {
        cloudFront: round(cloudFront, 3),
        originShield: round(originShield, 5),
        origin: round(originCost, 5),
        total: round(cloudFront + originShield + originCost, 3),
        gzippedPageKb,
        originPerMillionWithoutEdge: options.originDollarsPerMillion,
      },
      counts: { articles: ids.length, calls: counted.usage.calls, readUnits: counted.usage.readUnits },
      prices: CLOUDFRONT_PRICES,
    };
  } finally {
    await runtime.stop();
  }
}
