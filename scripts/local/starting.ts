/**
 * What the local server answers while DynamoDB Local and the tables are
 * still coming up: the port is claimed first (so a taken port fails early),
 * and a request that arrives before the service is ready gets a prompt 503
 * it can retry, never a connection left waiting.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX } from './api-gateway';

export const STARTING_MESSAGE = 'The comment service is starting. Please try again in a second.';

const STARTING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="1"><title>Starting…</title></head>
<body><main><h1>Starting…</h1><p>${STARTING_MESSAGE} This page reloads by itself.</p></main></body></html>
`;

const isApiPath = (pathname: string) => pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`);

/** 503 with Retry-After: 1; the API's usual JSON error body under /api, a small page elsewhere. */
export function answerWhileStarting(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
  const pathname = new URL(req.url ?? '/', 'http://starting.invalid').pathname;
  const common = { 'Retry-After': '1', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  if (isApiPath(pathname)) {
    res.writeHead(503, { ...common, ...cors, 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: 'ServiceUnavailable', message: STARTING_MESSAGE }));
    return;
  }
  res.writeHead(503, { ...common, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" });
  res.end(STARTING_PAGE);
}
