/**
 * Load generators with one way of summarising: autocannon (as a library)
 * against the local HTTP server, and a closed loop of SDK calls for the
 * bare DynamoDB Local round trips. Both keep `concurrency` requests in
 * flight for `seconds` and time each request with a monotonic clock.
 */
import autocannon from 'autocannon';
import { percentile, round } from './stats';

export interface LoadStats {
  concurrency: number;
  /** Successful (2xx) requests only. */
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  requestsPerSecond: number;
  requests: number;
  /** Non-2xx answers and connection errors. */
  failures: number;
}

export function summarise(latencies: number[], failures: number, seconds: number, concurrency: number): LoadStats {
  return {
    concurrency,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    meanMs: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    requestsPerSecond: round(latencies.length / seconds, 1),
    requests: latencies.length,
    failures,
  };
}

export interface HttpLoad {
  url: string;
  method: 'GET' | 'POST' | 'OPTIONS';
  headers?: Record<string, string>;
  /** A fresh body for every request (submissions must differ, or the duplicate rule answers 409). */
  body?: () => string;
}

/** autocannon against the local server; latencies come from its per-response timings. */
export async function httpLoad(load: HttpLoad, concurrency: number, seconds: number): Promise<LoadStats> {
  const latencies: number[] = [];
  let failures = 0;
  const url = new URL(load.url);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.origin,
        connections: concurrency,
        duration: seconds,
        requests: [
          {
            method: load.method,
            path: url.pathname + url.search,
            headers: load.headers,
            ...(load.body ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: load.body!() }) } : {}),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else failures += 1;
    });
  });
  return summarise(latencies, failures + result.errors, result.duration, concurrency);
}

/**
 * `concurrency` async loops calling `call` back to back for `seconds`. A call
 * that returns a number has timed itself (e.g. only the approve after an
 * untimed set-up post); otherwise the whole call is timed.
 */
export async function closedLoop(call: () => Promise<unknown>, concurrency: number, seconds: number): Promise<LoadStats> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1_000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        const own = await call();
        latencies.push(typeof own === 'number' ? own : performance.now() - t);
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return summarise(latencies, failures, (performance.now() - started) / 1_000, concurrency);
}
