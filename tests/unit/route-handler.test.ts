/** The wrapper reads name, auth and secrets from the route entry; the handler's logic says none of them. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { routeHandler } from '../../lambda/http/handler';
import { json } from '../../lambda/http/response';
import type { Route } from '../../lambda/routes';
import { logger } from '../../lambda/wiring/observability';
import { privacyServices } from '../../lambda/wiring/routes/privacy';

beforeAll(() => {
  // Building the store touches no network; only the table names must be set.
  process.env.COMMENTS_TABLE = 'comments-unit';
  process.env.PRIVATE_TABLE = 'private-unit';
  process.env.HASH_KEY = '0123456789abcdef0123';
});

const route = (auth: Route['auth'], access: Route['access']): Route => ({
  name: 'UnitRoute',
  method: 'GET',
  path: '/unit',
  entry: 'lambda/handlers/unit.ts',
  auth,
  access,
});

const event = (claims?: Record<string, string>): APIGatewayProxyEvent =>
  ({ headers: {}, requestContext: { requestId: 'r', authorizer: claims ? { claims } : null } }) as unknown as APIGatewayProxyEvent;
const moderator = { 'cognito:username': 'mod-1', 'cognito:groups': 'moderators' };
const body = (result: { body: string }) => JSON.parse(result.body) as Record<string, unknown>;

describe('a moderator route', () => {
  let ran = 0;
  const handler = routeHandler(route('moderator', ['comments:read']), async ({ event, actor }) => {
    ran += 1;
    return json(event, 200, { actor });
  });

  it('refuses a caller without claims (401) or outside the moderators group (403) before the logic runs', async () => {
    const anonymous = await handler(event());
    expect([anonymous.statusCode, body(anonymous).error]).toEqual([401, 'Unauthorized']);
    const reader = await handler(event({ 'cognito:username': 'reader-1', 'cognito:groups': 'readers' }));
    expect([reader.statusCode, body(reader).error]).toEqual([403, 'Forbidden']);
    expect(ran).toBe(0);
  });

  it('hands the logic the signed-in moderator', async () => {
    const answer = await handler(event(moderator));
    expect([answer.statusCode, body(answer)]).toEqual([200, { actor: 'mod-1' }]);
  });
});

describe('secrets', () => {
  it('gives the privacy service only to a route granted the hash key', async () => {
    const check = (access: Route['access']) =>
      routeHandler(
        route('moderator', access),
        async ({ event, services }) => json(event, 200, { privacy: typeof services.privacy.export }),
        privacyServices,
      );
    const granted = await check(['comments:read', 'secret:hashKey'])(event(moderator));
    expect([granted.statusCode, body(granted)]).toEqual([200, { privacy: 'function' }]);
    const refused = await check(['comments:read'])(event(moderator));
    expect([refused.statusCode, body(refused).error]).toEqual([500, 'InternalError']);
  });
});

it('has no moderator on a public route', async () => {
  const handler = routeHandler(route('public', []), async ({ event, actor }) => json(event, 200, { actor }));
  const answer = await handler(event(moderator));
  expect(answer.statusCode).toBe(500);
});

it('finds a route of the table by its name', async () => {
  const handler = routeHandler('AdminGetSettings', async ({ event, route }) => json(event, 200, { name: route.name, auth: route.auth }));
  expect((await handler(event())).statusCode).toBe(401);
  expect(body(await handler(event(moderator)))).toEqual({ name: 'AdminGetSettings', auth: 'moderator' });
});

describe('the request line', () => {
  /** What the handler logged at INFO while answering (tests run the logger through the global console, silent by default). */
  const logged = async (run: () => Promise<unknown>): Promise<string> => {
    const lines: string[] = [];
    const spies = (['info', 'log', 'debug', 'warn', 'error'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((line: unknown) => void lines.push(String(line))),
    );
    logger.setLogLevel('INFO');
    try {
      await run();
      return lines.join('\n');
    } finally {
      logger.setLogLevel('SILENT');
      for (const spy of spies) spy.mockRestore();
    }
  };
  const handler = routeHandler(route('moderator', ['comments:read']), async ({ event, actor }) => json(event, 200, { actor }));

  it('is logged for an error answer, with its status, and left to API Gateway’s access log for a success', async () => {
    const refused = await logged(() => handler(event()));
    expect(refused).toMatch(/"message":\s*"request"/);
    expect(refused).toMatch(/"status":\s*401/);
    expect(await logged(() => handler(event(moderator)))).not.toMatch(/"message":\s*"request"/);
  });
});
