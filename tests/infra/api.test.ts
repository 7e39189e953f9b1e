/** The REST API in the synthesized template: routes, authorizer, validators, CORS, stage settings. */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../lambda/routes';
import { CORS_ALLOW_HEADERS } from '../../lib/constructs/comments-api';
import { PROJECT_ROOT } from '../../lib/constructs/service-function';
import {
  apiMethods,
  integratedFunction,
  logicalIdOf,
  referencedId,
  resourcesOf,
  synthesize,
  type ApiMethod,
  type Synthesized,
} from './support';

let synth: Synthesized;
let methods: ApiMethod[];
let routeMethods: ApiMethod[];
beforeAll(() => {
  synth = synthesize();
  methods = apiMethods(synth.template);
  routeMethods = methods.filter((m) => m.method !== 'OPTIONS');
});

const key = (m: { method: string; path: string }) => `${m.method} ${m.path}`;

/**
 * The API as the contract describes it, written out rather than read from
 * lambda/routes.ts (the table the template is built from): adding, removing
 * or opening a route shows up here.
 */
const PUBLIC_ROUTES = [
  'POST /articles/{articleId}/comments',
  'GET /articles/{articleId}/comments',
  'GET /counts',
  'POST /articles/{articleId}/comments/{id}/reports',
  // The links in reply-notification mails.
  'GET /subscriptions/confirm',
  'GET /subscriptions/unsubscribe',
  'POST /subscriptions/unsubscribe',
];
const MODERATOR_ROUTES = [
  'GET /admin/comments',
  'GET /admin/comments/{id}',
  'POST /admin/comments/{id}/approve',
  'POST /admin/comments/{id}/reject',
  'POST /admin/comments/{id}/spam',
  'DELETE /admin/comments/{id}',
  'GET /admin/comments/{id}/history',
  'GET /admin/settings',
  'PUT /admin/settings',
  'GET /admin/articles/{articleId}',
  'PUT /admin/articles/{articleId}',
  'GET /admin/privacy/export',
  'POST /admin/privacy/erase',
  'POST /admin/comments/{id}/ban',
  'GET /admin/bans',
  'DELETE /admin/bans/{id}',
  // The Triage page's figures.
  'GET /admin/triage',
];
/** The public POSTs carry JSON body models (the admin bodies are validated by their handlers, with the same zod schemas). */
const ROUTES_WITH_BODY_MODEL = ['POST /articles/{articleId}/comments', 'POST /articles/{articleId}/comments/{id}/reports'];

describe('routes', () => {
  it('match the shared route table exactly (method + path)', () => {
    expect(routeMethods.map(key).sort()).toEqual(ROUTES.map(key).sort());
    expect(routeMethods.map(key).sort()).toEqual([...PUBLIC_ROUTES, ...MODERATOR_ROUTES].sort());
  });

  it('each invoke their own function, the one built from the route entry', () => {
    const byRoute = new Map(ROUTES.map((r) => [key(r), logicalIdOf(synth.stack, `${r.name}/Function`)]));
    const invoked = routeMethods.map((m) => integratedFunction(m, synth.template));
    expect(new Set(invoked).size).toBe(ROUTES.length);
    for (const m of routeMethods) expect(integratedFunction(m, synth.template)).toBe(byRoute.get(key(m)));
    for (const m of routeMethods) expect(m.properties.Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
  });

  it('bundle the handler module the route names', () => {
    for (const route of ROUTES) expect(synth.stack.functions.get(route.name)?.entry).toBe(resolve(PROJECT_ROOT, route.entry));
  });
});

describe('moderator routes', () => {
  it('every /admin method uses the Cognito user pool authorizer', () => {
    const authorizers = resourcesOf(synth.template, 'AWS::ApiGateway::Authorizer');
    const admin = routeMethods.filter((m) => m.path.startsWith('/admin'));
    expect(admin.length).toBe(ROUTES.filter((r) => r.auth === 'moderator').length);
    expect(admin.map(key).sort()).toEqual([...MODERATOR_ROUTES].sort());
    for (const m of admin) {
      expect(m.properties.AuthorizationType, key(m)).toBe('COGNITO_USER_POOLS');
      const authorizer = authorizers[referencedId(m.properties.AuthorizerId)!];
      expect(authorizer?.Properties).toMatchObject({ Type: 'COGNITO_USER_POOLS', IdentitySource: 'method.request.header.Authorization' });
    }
  });

  it('public methods are exactly the routes marked public', () => {
    const open = routeMethods
      .filter((m) => m.properties.AuthorizationType === 'NONE')
      .map(key)
      .sort();
    expect(open).toEqual(
      ROUTES.filter((r) => r.auth === 'public')
        .map(key)
        .sort(),
    );
    expect(open).toEqual([...PUBLIC_ROUTES].sort());
  });
});

describe('request validation', () => {
  it('covers every method; the comment and report POSTs validate their JSON bodies against their models', () => {
    const validators = resourcesOf(synth.template, 'AWS::ApiGateway::RequestValidator');
    for (const m of routeMethods) {
      const validator = validators[referencedId(m.properties.RequestValidatorId)!];
      expect(validator, key(m)).toBeDefined();
      expect(validator!.Properties.ValidateRequestParameters).toBe(true);
      const route = ROUTES.find((r) => key(r) === key(m))!;
      expect(Boolean(route.bodyModel), key(m)).toBe(ROUTES_WITH_BODY_MODEL.includes(key(m)));
      if (route.bodyModel) {
        expect(validator!.Properties.ValidateRequestBody).toBe(true);
        // JSON only: a form-urlencoded post has no model and passes through to the handler.
        expect(Object.keys(m.properties.RequestModels)).toEqual(['application/json']);
      } else {
        expect(m.properties.RequestModels).toBeUndefined();
      }
    }
  });

  it('declares the path parameters of each route as required', () => {
    for (const m of routeMethods) {
      const expected = [...m.path.matchAll(/\{(\w+)\}/g)].map((x) => `method.request.path.${x[1]}`);
      expect(Object.keys(m.properties.RequestParameters ?? {}).sort(), key(m)).toEqual(expected.sort());
      for (const p of expected) expect(m.properties.RequestParameters[p]).toBe(true);
    }
  });
});

describe('CORS preflight', () => {
  const allowedOrigin = (m: ApiMethod) =>
    JSON.stringify(
      m.properties.Integration.IntegrationResponses[0].ResponseParameters['method.response.header.Access-Control-Allow-Origin'],
    );
  const template = (m: ApiMethod) => JSON.stringify(m.properties.Integration.IntegrationResponses[0].ResponseTemplates ?? {});
  const siteDomain = () => logicalIdOf(synth.stack, 'Web/Cdn');

  it('exists for every route path and allows the headers the clients send', () => {
    const preflights = methods.filter((m) => m.method === 'OPTIONS');
    expect(preflights.map((m) => m.path).sort()).toEqual([...new Set(ROUTES.map((r) => r.path))].sort());
    for (const m of preflights) {
      const headers =
        m.properties.Integration.IntegrationResponses[0].ResponseParameters['method.response.header.Access-Control-Allow-Headers'];
      expect(headers).toBe(`'${CORS_ALLOW_HEADERS.join(',')}'`);
      expect(headers).toBe("'Content-Type,Authorization,Idempotency-Key'");
    }
  });

  it('never allows "*"; admin paths admit only the console origin, public paths the article sites too', () => {
    for (const m of methods.filter((x) => x.method === 'OPTIONS')) {
      expect(allowedOrigin(m)).not.toContain("'*'");
      const admits = allowedOrigin(m) + template(m);
      expect(admits, m.path).toContain(siteDomain());
      if (m.path.startsWith('/admin')) expect(admits, m.path).not.toContain('news.example.com');
      else expect(admits, m.path).toContain('https://news.example.com');
    }
  });

  it('gives the functions the same origins through ALLOWED_ORIGINS', () => {
    const functions = resourcesOf(synth.template, 'AWS::Lambda::Function');
    for (const route of ROUTES) {
      const env = JSON.stringify(
        functions[logicalIdOf(synth.stack, `${route.name}/Function`)]!.Properties.Environment.Variables.ALLOWED_ORIGINS,
      );
      expect(env).toContain(siteDomain());
      if (route.auth === 'moderator') expect(env).not.toContain('news.example.com');
      else expect(env).toContain('https://news.example.com');
    }
  });
});

describe('stage', () => {
  it('throttles, traces, writes JSON access logs and error-level execution logs without bodies', () => {
    const stages = Object.values(resourcesOf(synth.template, 'AWS::ApiGateway::Stage'));
    expect(stages).toHaveLength(1);
    const stage = stages[0]!.Properties;
    expect(stage.StageName).toBe('api');
    expect(stage.TracingEnabled).toBe(true);
    expect(stage.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
      }),
    ]);
    expect(stage.AccessLogSetting.DestinationArn).toBeDefined();
    const format = JSON.parse(stage.AccessLogSetting.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', ip: '$context.identity.sourceIp' });
    // The moderator's user pool id (sub) resolves in access logs; cognito:username may not.
    expect(format.moderator).toBe('$context.authorizer.claims.sub');
  });

  it('takes its name and throttling from context', () => {
    const { template } = synthesize({}, { stageName: 'v1', throttlingRateLimit: '7', throttlingBurstLimit: '9' });
    const stage = Object.values(resourcesOf(template, 'AWS::ApiGateway::Stage'))[0]!.Properties;
    expect(stage.StageName).toBe('v1');
    expect(stage.MethodSettings[0]).toMatchObject({ ThrottlingRateLimit: 7, ThrottlingBurstLimit: 9 });
  });
});
