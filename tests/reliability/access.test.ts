/**
 * The access matrix: every moderator route of the shared route table (read
 * from lambda/routes.ts, so a new route is covered the day it is added) ×
 * {no header, malformed header, wrong token, signed-in user outside the
 * `moderators` group} → 401 / 401 / 401 / 403 through the local runtime;
 * and the same handler modules called directly with API Gateway events
 * whose authorizer claims are missing (401) or lack the group (403).
 * Each refused request writes nothing. (That the synthesized template puts
 * the Cognito authorizer on these methods is tested in tests/infra/.)
 */
import { resolve } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../lambda/routes';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, USER_TOKEN, api, startFloodFreeRuntime, validComment } from '../support/runtime';
import { publishFiguresIfAllPassed } from './area-figures';
import { itemsWritten, jsonErrorProblem, send, table, tableState } from './support';

const ARTICLE = 'access-article';
const ADMIN_ROUTES = ROUTES.filter((r) => r.auth === 'moderator');

let runtime: LocalRuntime;
let victim: { id: string; email: string };

const submit = async () => {
  const input = validComment();
  const posted = await api(runtime, 'POST', `/articles/${ARTICLE}/comments`, { body: input });
  expect(posted.status).toBe(202);
  return { id: posted.body.id as string, email: input.email };
};

beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
  victim = await submit();
});
afterAll(() => runtime?.stop());

/** A concrete request for a route, aimed at a real pending comment and a real email, so a bypass would show. */
function requestFor(route: Route, target: { id: string; email: string }) {
  const path = route.path.replace('{id}', target.id).replace('{articleId}', ARTICLE);
  const query = route.method === 'GET' || route.method === 'DELETE' ? `?email=${encodeURIComponent(target.email)}` : '';
  const body =
    route.method === 'POST' || route.method === 'PUT'
      ? JSON.stringify({ email: target.email, reason: 'bypass', premoderation: false, commentsOpen: false })
      : undefined;
  return { method: route.method, path: `/api${path}${query}`, body };
}

const CREDENTIALS: Array<{ kind: string; status: 401 | 403; headers: (token: string) => Array<[string, string]> }> = [
  { kind: 'no Authorization header', status: 401, headers: () => [] },
  { kind: 'malformed: "Bearer" alone', status: 401, headers: () => [['Authorization', 'Bearer']] },
  { kind: 'malformed: the token without "Bearer"', status: 401, headers: () => [['Authorization', MODERATOR_TOKEN]] },
  {
    kind: 'malformed: Basic credentials',
    status: 401,
    headers: () => [['Authorization', `Basic ${Buffer.from(`moderator:${MODERATOR_TOKEN}`).toString('base64')}`]],
  },
  { kind: 'wrong token', status: 401, headers: () => [['Authorization', 'Bearer not-the-moderator-token']] },
  {
    kind: 'wrong token: the real one cut short',
    status: 401,
    headers: () => [['Authorization', `Bearer ${MODERATOR_TOKEN.slice(0, -1)}`]],
  },
  { kind: 'wrong token: the real one with a suffix', status: 401, headers: () => [['Authorization', `Bearer ${MODERATOR_TOKEN}0`]] },
  { kind: 'signed-in user outside moderators (LOCAL_USER_TOKEN)', status: 403, headers: () => [['Authorization', `Bearer ${USER_TOKEN}`]] },
];

describe('through the local runtime', () => {
  it('covers every moderator route of the route table', () => {
    expect(ADMIN_ROUTES.length).toBeGreaterThanOrEqual(13);
    for (const route of ADMIN_ROUTES) expect(route.path.startsWith('/admin/'), route.name).toBe(true);
  });

  it('refuses every moderator route without valid moderator credentials: 401, or 403 for a non-moderator, writing nothing', async () => {
    const before = await tableState(runtime);
    const problems: string[] = [];
    const cells: Array<[string, string, number, number]> = [];
    for (const route of ADMIN_ROUTES) {
      for (const credential of CREDENTIALS) {
        const { method, path, body } = requestFor(route, victim);
        const headers: Array<[string, string]> = [
          ...credential.headers(MODERATOR_TOKEN),
          ...(body ? ([['Content-Type', 'application/json']] as Array<[string, string]>) : []),
        ];
        const res = await send(runtime.url, { method, path, headers, body });
        cells.push([route.name, credential.kind, credential.status, res.status]);
        const problem = jsonErrorProblem(res);
        if (problem) problems.push(`${route.name} with ${credential.kind}: ${problem}`);
        else if (res.status !== credential.status)
          problems.push(`${route.name} with ${credential.kind}: ${res.status}, expected ${credential.status}`);
        if (res.text.includes(victim.email)) problems.push(`${route.name} with ${credential.kind}: the answer holds the email`);
      }
    }
    const after = await tableState(runtime);
    written += itemsWritten(before, after);
    expect(after.digest).toBe(before.digest);
    expect(problems).toEqual([]);
    runtimeCells.push(...cells);
  });

  it('lets the moderator token through on every one of those routes (the matrix hits real routes)', async () => {
    for (const route of ADMIN_ROUTES) {
      const target = await submit();
      const { method, path, body } = requestFor(route, target);
      const res = await send(runtime.url, {
        method,
        path,
        headers: [
          ['Authorization', `Bearer ${MODERATOR_TOKEN}`],
          ...(body ? ([['Content-Type', 'application/json']] as Array<[string, string]>) : []),
        ],
        body,
      });
      expect([401, 403], `${route.name}: ${res.text}`).not.toContain(res.status);
      expect(res.json, route.name).not.toMatchObject({ message: 'No such route.' });
      expect(res.status, `${route.name}: ${res.text}`).toBeLessThan(500);
    }
  });
});

type Handler = (event: APIGatewayProxyEvent, context?: unknown) => Promise<APIGatewayProxyResult>;
const loadHandler = async (route: Route): Promise<Handler> => (await import(resolve(route.entry))).handler as Handler;

function event(route: Route, authorizer: APIGatewayProxyEvent['requestContext']['authorizer']): APIGatewayProxyEvent {
  const { path, body } = requestFor(route, victim);
  const params: Record<string, string> = {};
  if (route.path.includes('{id}')) params.id = victim.id;
  if (route.path.includes('{articleId}')) params.articleId = ARTICLE;
  return {
    resource: route.path,
    path: path.replace(/^\/api/, '').split('?')[0]!,
    httpMethod: route.method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    multiValueHeaders: body ? { 'Content-Type': ['application/json'] } : {},
    queryStringParameters: { email: victim.email },
    multiValueQueryStringParameters: { email: [victim.email] },
    pathParameters: params,
    stageVariables: null,
    body: body ?? null,
    isBase64Encoded: false,
    requestContext: {
      requestId: `access-${Math.random()}`,
      httpMethod: route.method,
      resourcePath: route.path,
      identity: { sourceIp: '203.0.113.9' },
      authorizer,
    },
  } as unknown as APIGatewayProxyEvent;
}

const CLAIMS: Array<{ kind: string; status: 401 | 403; authorizer: APIGatewayProxyEvent['requestContext']['authorizer'] }> = [
  { kind: 'no authorizer', status: 401, authorizer: null },
  { kind: 'authorizer without claims', status: 401, authorizer: {} },
  { kind: 'empty claims', status: 401, authorizer: { claims: {} } },
  { kind: 'claims without a user', status: 401, authorizer: { claims: { 'cognito:groups': 'moderators' } } },
  { kind: 'a user in no group', status: 403, authorizer: { claims: { sub: 'u-1', 'cognito:username': 'reader' } } },
  {
    kind: 'a user in another group',
    status: 403,
    authorizer: { claims: { sub: 'u-2', 'cognito:username': 'editor', 'cognito:groups': 'editors' } },
  },
  {
    kind: 'a group that only contains the word',
    status: 403,
    authorizer: { claims: { sub: 'u-3', 'cognito:username': 'x', 'cognito:groups': 'notmoderators,moderators-readonly' } },
  },
  {
    kind: 'the group in another case',
    status: 403,
    authorizer: { claims: { sub: 'u-4', 'cognito:username': 'x', 'cognito:groups': 'Moderators' } },
  },
  {
    kind: 'groups as a bracketed list without moderators',
    status: 403,
    authorizer: { claims: { sub: 'u-5', 'cognito:username': 'x', 'cognito:groups': '[editors admins]' } },
  },
  {
    kind: 'groups as an array without moderators',
    status: 403,
    authorizer: { claims: { sub: 'u-6', 'cognito:username': 'x', 'cognito:groups': ['editors'] } },
  },
];

describe('through the handler modules, with API Gateway events', () => {
  it('answers 401 when the claims are missing and 403 when they lack the moderators group, writing nothing', async () => {
    const before = await tableState(runtime);
    const problems: string[] = [];
    for (const route of ADMIN_ROUTES) {
      const handler = await loadHandler(route);
      for (const claim of CLAIMS) {
        const result = await handler(event(route, claim.authorizer));
        handlerCells.push([route.name, claim.kind, claim.status, result.statusCode]);
        const body = JSON.parse(result.body || '{}') as { error?: string; message?: string };
        if (result.statusCode !== claim.status)
          problems.push(`${route.name} with ${claim.kind}: ${result.statusCode}, expected ${claim.status} (${result.body})`);
        else if (typeof body.error !== 'string' || typeof body.message !== 'string')
          problems.push(`${route.name} with ${claim.kind}: body ${result.body}`);
      }
    }
    const after = await tableState(runtime);
    written += itemsWritten(before, after);
    expect(after.digest).toBe(before.digest);
    expect(problems).toEqual([]);
  });

  it('accepts the same events from a moderator (the events are well formed)', async () => {
    for (const route of ADMIN_ROUTES.filter((r) => r.method === 'GET')) {
      const result = await (await loadHandler(route))(
        event(route, { claims: { sub: 'm-1', 'cognito:username': 'mod', 'cognito:groups': 'editors,moderators' } }),
      );
      expect(result.statusCode, `${route.name}: ${result.body}`).toBe(200);
    }
  });
});

const runtimeCells: Array<[string, string, number, number]> = [];
const handlerCells: Array<[string, string, number, number]> = [];
/** Items added, removed or changed in either table by the refused requests. */
let written = 0;

publishFiguresIfAllPassed('access', () => {
  const wrong = (cells: typeof runtimeCells) => cells.filter(([, , want, got]) => want !== got).length;
  const byRoute = ADMIN_ROUTES.map((r) => {
    const mine = runtimeCells.filter(([name]) => name === r.name);
    return [
      `${r.method} ${r.path}`,
      mine.filter(([, , , s]) => s === 401).length,
      mine.filter(([, , , s]) => s === 403).length,
      wrong(mine),
    ];
  });
  return [
    '## Access control',
    '',
    `Every moderator route of \`lambda/routes.ts\` (${ADMIN_ROUTES.length}) × ${CREDENTIALS.length} kinds of bad credentials through the local runtime ` +
      `(${runtimeCells.length} requests: no header, 3 malformed headers, 3 wrong tokens → 401; LOCAL_USER_TOKEN, a user outside \`moderators\` → 403), ` +
      `and each handler module called directly with ${CLAIMS.length} kinds of authorizer claims (${handlerCells.length} events: missing → 401, without the group → 403). ` +
      'Each request aims at a real pending comment and a real email; the tables are compared before and after. ' +
      'That the deployed API puts the Cognito authorizer on these methods is checked on the synthesized template by the infrastructure tests (tests/infra/), not here.',
    '',
    `**${runtimeCells.length + handlerCells.length} refused requests, ${wrong(runtimeCells) + wrong(handlerCells)} answered otherwise, ${written} items written.**`,
    '',
    table(['route', '401', '403', 'wrong answers'], byRoute),
  ].join('\n');
});
