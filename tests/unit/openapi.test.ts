/**
 * docs/openapi.json is what the generator makes of the route table, and a
 * sound document: every route in it with its auth, every $ref resolving,
 * every schema valid JSON Schema, and the generator refusing a route that
 * has no documentation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../lambda/routes';
import { openApiDocument, openApiText } from '../../scripts/openapi/generate';
import { docFileOf } from '../../scripts/openapi/route-docs';
import { conformance, operations, schemaValidator } from '../support/openapi';

const committed = readFileSync('docs/openapi.json', 'utf8');
const document = JSON.parse(committed);

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) key === '$ref' ? found.push(String(inner)) : refsIn(inner, found);
  return found;
}

const resolvePointer = (pointer: string) =>
  pointer
    .slice(2)
    .split('/')
    .reduce<any>((node, part) => node?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], document);

describe('docs/openapi.json', () => {
  it('is exactly what `npm run openapi` generates from the route table (run it after changing a route)', async () => {
    expect(committed).toBe(await openApiText());
  });

  it('is OpenAPI 3.1 with every route of the table, once, under its name, method and path', () => {
    expect(document.openapi).toBe('3.1.0');
    const found = operations(document);
    expect(found.size).toBe(ROUTES.length);
    for (const route of ROUTES) {
      expect(found.get(route.name), route.name).toMatchObject({ path: route.path, method: route.method.toLowerCase() });
    }
  });

  it('asks for the moderator bearer token exactly on moderator routes, and documents 401 and 403 there', () => {
    expect(document.components.securitySchemes.moderator).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const route of ROUTES) {
      const { operation } = operations(document).get(route.name)!;
      if (route.auth === 'moderator') {
        expect(operation.security, route.name).toEqual([{ moderator: [] }]);
        expect(Object.keys(operation.responses), route.name).toEqual(expect.arrayContaining(['401', '403']));
      } else {
        expect(operation.security, route.name).toEqual([]);
        expect(Object.keys(operation.responses), route.name).not.toContain('401');
      }
    }
  });

  it('declares every path parameter, a success answer and a described answer for every status', () => {
    for (const { path, operation } of operations(document).values()) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (operation.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
      expect(declared, operation.operationId).toEqual(inPath);
      const statuses = Object.keys(operation.responses);
      expect(
        statuses.some((s) => /^[23]/.test(s)),
        operation.operationId,
      ).toBe(true);
      expect(statuses, operation.operationId).toEqual(expect.arrayContaining(['500', '503']));
      for (const status of statuses) expect(operation.responses[status].description, `${operation.operationId} ${status}`).toBeTruthy();
    }
  });

  it('documents Retry-After on 429 and 503, and the Idempotency-Key header on posting', () => {
    for (const { operation } of operations(document).values())
      for (const status of ['429', '503'])
        if (operation.responses[status])
          expect(operation.responses[status].headers, `${operation.operationId} ${status}`).toHaveProperty('Retry-After');
    const submit = operations(document).get('SubmitComment')!.operation;
    expect(submit.parameters.map((p: any) => resolvePointer(p.$ref ?? '#/')?.name ?? p.name)).toContain('Idempotency-Key');
    expect(Object.keys(submit.requestBody.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
  });

  it('resolves every $ref inside the document', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      expect(resolvePointer(ref), ref).toBeDefined();
    }
  });

  it('has component schemas that a JSON Schema 2020-12 validator compiles and that mean something', () => {
    const validator = schemaValidator(document);
    for (const name of Object.keys(document.components.schemas)) expect(() => validator(name), name).not.toThrow();
    // Spot checks that the schemas say what the API does.
    expect(validator('Submission')({ comment: 42 })).toBe(false);
    expect(validator('Submission')({ comment: 'Fine', author: 'A', email: 'a@example.com', extra: 1 })).toBe(true);
    expect(validator('SettingsPatch')({ floodSeconds: 86_401 })).toBe(false);
    expect(validator('SettingsPatch')({ unknownSetting: true })).toBe(false);
    expect(validator('PublishedPage')({ comments: [], nextCursor: null, commentsOpen: true })).toBe(true);
    expect(validator('PublishedPage')({ comments: [], nextCursor: null, commentsOpen: 'yes' })).toBe(false);
    expect(validator('PublishedPage')({ comments: [{ id: 'x' }], nextCursor: null })).toBe(false);
  });

  it('cannot be generated while a route has no documentation beside its handler, or documentation has no route', async () => {
    const undocumented: Route = {
      ...ROUTES[0]!,
      name: 'AdminBanAuthor',
      path: '/admin/bans',
      method: 'POST',
      entry: 'lambda/handlers/admin/ban-author.ts',
    };
    await expect(openApiDocument({ routes: [...ROUTES, undocumented] })).rejects.toThrow(
      /AdminBanAuthor \(write lambda\/handlers\/admin\/ban-author\.doc\.ts\)/,
    );
    await expect(openApiDocument({ routes: ROUTES.slice(1) })).rejects.toThrow(docFileOf(ROUTES[0]!));
  });

  it('lets the integration test tell a conforming answer from one that is not', () => {
    const validator = schemaValidator(document);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
      status,
      headers: new Headers(headers),
      text: body === undefined ? '' : JSON.stringify(body),
    });
    const cacheable = { etag: '"abc"', 'cache-control': 'public, max-age=0, s-maxage=10' };
    expect(
      conformance(document, validator, 'ListComments', answer(200, { comments: [], nextCursor: null, commentsOpen: true }, cacheable)),
    ).toEqual([]);
    expect(conformance(document, validator, 'ListComments', answer(200, { comments: [], nextCursor: null, commentsOpen: true }))).toEqual([
      'ListComments 200: header ETag missing',
      'ListComments 200: header Cache-Control missing',
    ]);
    expect(
      conformance(
        document,
        validator,
        'ListComments',
        answer(200, { comments: [{ id: 1 }], nextCursor: null, commentsOpen: true }, cacheable),
      ),
    ).toHaveLength(1);
    expect(conformance(document, validator, 'ListComments', answer(418, { error: 'Teapot', message: '' }))).toHaveLength(1);
    expect(conformance(document, validator, 'SubmitComment', answer(429, { error: 'TooManyRequests', message: 'Slow down.' }))).toEqual([
      'SubmitComment 429: header Retry-After missing',
    ]);
    expect(conformance(document, validator, 'AdminDeleteComment', answer(204, { deleted: true }))).toHaveLength(1);
  });
});
