/**
 * A local stand-in for API Gateway (REST API, Lambda proxy integration v1):
 * matches a request against the shared route table, plays the Cognito
 * authorizer with the moderator token, builds the same event API Gateway
 * would, and calls the same handler module that deploys.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS } from '../../lambda/http/cors';
import { ROUTES, type Route } from '../../lambda/routes';
import { edgeCacheKey, edgeOriginUrl } from './edge-route';
import type { EdgeAnswer, LocalEdge } from './edge';

export const API_PREFIX = '/api';
/** API Gateway refuses bodies over 10 MB itself; locally 1 MiB is plenty to exercise the 413 path. */
const MAX_GATEWAY_BODY = 1024 * 1024;

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface Credentials {
  moderatorToken: string;
  /** A signed-in user outside the moderators group (exercises the 403 path). */
  userToken?: string;
}

export interface GatewayOptions {
  routes?: readonly Route[];
  /** Where route handlers come from; by default the route's TypeScript module. */
  loadHandler?: (route: Route) => Promise<Handler>;
  credentials: Credentials;
  allowedOrigins: string[];
  /** The edge stand-in in front of the routes marked `edge: 'cached'` (npm start has one; off, they go straight to the function). */
  edge?: LocalEdge;
  /** Runs after a request that may change data, before its answer is sent (the local stream reader's purge, so it takes effect at once). */
  afterWrite?: () => Promise<void>;
}

/** Matches a concrete path against a route path; returns the path parameters or null. */
export function matchPath(routePath: string, actual: string): Record<string, string> | null {
  const want = routePath.split('/');
  const got = actual.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith('{') && w.endsWith('}')) {
      if (g === '') return null;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}

const handlers = new Map<string, Promise<Handler>>();
function loadHandler(route: Route): Promise<Handler> {
  let handler = handlers.get(route.entry);
  if (!handler) {
    handler = import(resolve(route.entry)).then((m: { handler?: Handler; default?: { handler?: Handler } }) => {
      const fn = m.handler ?? m.default?.handler;
      if (typeof fn !== 'function') throw new Error(`${route.entry} does not export handler`);
      return fn;
    });
    handlers.set(route.entry, handler);
  }
  return handler;
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function gatewayError(res: ServerResponse, status: number, error: string, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ error, message }));
}

export function corsFor(origin: string | undefined, allowed: string[]): Record<string, string> {
  if (!origin || !allowed.includes(origin)) return {};
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS.join(','), Vary: 'Origin' };
}

/** Claims the Cognito authorizer would put on the event, or an HTTP status to refuse with. */
function authorize(req: IncomingMessage, credentials: Credentials): Record<string, string> | 401 {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  if (!match) return 401;
  const token = match[1]!;
  if (sameSecret(token, credentials.moderatorToken)) {
    return { sub: 'local-moderator', 'cognito:username': 'local-moderator', 'cognito:groups': 'moderators', token_use: 'id' };
  }
  if (credentials.userToken && sameSecret(token, credentials.userToken)) {
    return { sub: 'local-user', 'cognito:username': 'local-user', token_use: 'id' };
  }
  return 401;
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_GATEWAY_BODY) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function buildEvent(
  req: IncomingMessage,
  url: URL,
  route: Route,
  params: Record<string, string>,
  body: Buffer,
  claims: Record<string, string> | undefined,
  /** The request headers the function sees, when not the client's own (an edge forwards none of them). */
  forwardedHeaders?: Record<string, string>,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const raw = forwardedHeaders ? Object.entries(forwardedHeaders).flat() : req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  // API Gateway hands text bodies over as strings; bytes that are not UTF-8 go as base64 so the handler can refuse them.
  let text: string | null = null;
  let isBase64Encoded = false;
  if (body.length > 0) {
    try {
      // ignoreBOM keeps a byte-order mark in the text, as API Gateway passes the body on unchanged.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      text = body.toString('base64');
      isBase64Encoded = true;
    }
  }
  const now = new Date();
  const nullIfEmpty = <T extends object>(o: T) => (Object.keys(o).length ? o : null);
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return {
    resource: route.path,
    path: url.pathname.slice(API_PREFIX.length),
    httpMethod: route.method,
    headers,
    multiValueHeaders,
    queryStringParameters: nullIfEmpty(query),
    multiValueQueryStringParameters: nullIfEmpty(multiQuery),
    pathParameters: nullIfEmpty(params),
    stageVariables: null,
    body: text,
    isBase64Encoded,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      stage: 'api',
      requestId: randomUUID(),
      requestTime: now.toUTCString(),
      requestTimeEpoch: now.getTime(),
      resourceId: route.name,
      resourcePath: route.path,
      httpMethod: route.method,
      path: url.pathname,
      protocol: `HTTP/${req.httpVersion}`,
      authorizer: claims ? { claims } : null,
      identity: {
        sourceIp,
        userAgent: forwardedHeaders ? 'local-edge' : (req.headers['user-agent'] ?? null),
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        user: null,
        userArn: null,
      },
    },
  } as APIGatewayProxyEvent;
}

function lambdaContext(route: Route): Context {
  const deadline = Date.now() + 10_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: route.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${route.name}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${route.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Serves /api/*; returns false when the path is not under /api. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, options: GatewayOptions): Promise<boolean> {
  if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return false;
  const routes = options.routes ?? ROUTES;
  const path = url.pathname.slice(API_PREFIX.length) || '/';
  const cors = corsFor(req.headers.origin, options.allowedOrigins);
  const candidates = routes.map((route) => ({ route, params: matchPath(route.path, path) })).filter((m) => m.params !== null);

  if (req.method === 'OPTIONS' && candidates.length > 0) {
    // CORS preflight, as API Gateway's preflight configuration answers it.
    res.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': [...new Set(candidates.map((c) => c.route.method)), 'OPTIONS'].join(','),
      'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS.join(','),
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return true;
  }
  const match = candidates.find((c) => c.route.method === req.method);
  if (!match) {
    gatewayError(res, 404, 'NotFound', 'No such route.', cors);
    return true;
  }
  const { route, params } = match;
  let claims: Record<string, string> | undefined;
  if (route.auth === 'moderator') {
    const result = authorize(req, options.credentials);
    if (result === 401) {
      gatewayError(res, 401, 'Unauthorized', 'Sign in as a moderator.', cors);
      return true;
    }
    claims = result;
  }
  if (options.edge && route.edge === 'cached' && req.method === 'GET') {
    const origin = (headers: Record<string, string>) =>
      invoke(options, route, buildEvent(req, edgeOriginUrl(url, route), route, params!, Buffer.alloc(0), undefined, headers), cors);
    const ifNoneMatch = typeof req.headers['if-none-match'] === 'string' ? req.headers['if-none-match'] : undefined;
    send(res, await options.edge.serve(edgeCacheKey(url, route), ifNoneMatch, origin));
    return true;
  }
  const body = await readBody(req);
  if (body === 'too-large') {
    gatewayError(res, 413, 'PayloadTooLarge', 'The request body is too large.', { ...cors, Connection: 'close' });
    return true;
  }
  const answer = await invoke(options, route, buildEvent(req, url, route, params!, body, claims), cors);
  // The purge runs before the answer, but a stalled stream read (a frozen database) never holds the answer back.
  if (req.method !== 'GET' && options.afterWrite) {
    await Promise.race([options.afterWrite().catch(() => undefined), new Promise((done) => setTimeout(done, 1_000).unref())]);
  }
  send(res, answer);
  return true;
}

/** Calls the route's function as API Gateway would; a failing function is the gateway's 502. */
async function invoke(
  options: GatewayOptions,
  route: Route,
  event: APIGatewayProxyEvent,
  cors: Record<string, string>,
): Promise<EdgeAnswer> {
  let result: APIGatewayProxyResult;
  try {
    const handler = await (options.loadHandler ?? loadHandler)(route);
    result = await handler(event, lambdaContext(route));
  } catch {
    // What API Gateway answers when the function itself fails.
    return {
      status: 502,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...cors },
      body: Buffer.from(JSON.stringify({ error: 'InternalError', message: 'The function failed.' })),
    };
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  for (const [k, v] of Object.entries(result.multiValueHeaders ?? {})) headers[k] = v.map(String).join(', ');
  return {
    status: result.statusCode,
    headers,
    body: result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body),
  };
}

function send(res: ServerResponse, answer: EdgeAnswer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}
