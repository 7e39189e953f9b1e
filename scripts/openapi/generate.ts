/**
 * The OpenAPI 3.1 document of the API, built from the route table (paths,
 * methods, auth), the zod schemas (bodies) and the per-route documentation
 * (`<handler>.doc.ts` beside each handler). `npm run openapi` writes it to docs/openapi.json; the
 * local runtime serves it at /api/openapi.json.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ARTICLE_ID_PATTERN, COMMENT_ID_PATTERN } from '../../lambda/domain/validation';
import { ROUTES, type Route } from '../../lambda/routes';
import { type AnswerDoc, type RouteDoc, routeDocs } from './route-docs';
import { componentSchemas } from './schemas';
import { PROJECT_ROOT } from '../build-web';

type Json = Record<string, unknown>;

export const LOCAL_API_URL = 'http://127.0.0.1:3000/api';

const PATH_PARAMETERS: Record<string, Json> = {
  articleId: {
    description: 'The article: 1 to 128 of A-Z a-z 0-9 - _ . (anything else is 400).',
    schema: { type: 'string', pattern: ARTICLE_ID_PATTERN.source },
  },
  id: {
    description: "A comment's id. An id that cannot exist is 404, like an unknown one.",
    schema: { type: 'string', pattern: COMMENT_ID_PATTERN.source },
  },
};

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
const errorAnswer = (description: string, headers: AnswerDoc['headers'] = []): AnswerDoc => ({ description, body: 'Error', headers });

/** The answers every route of a kind shares, added unless the route documents its own. */
function sharedAnswers(route: Route, doc: RouteDoc): Record<number, AnswerDoc> {
  const answers: Record<number, AnswerDoc> = {};
  if (route.auth === 'moderator') {
    answers[401] = errorAnswer('Unauthorized: no valid bearer token.');
    answers[403] = errorAnswer('Forbidden: signed in, but not in the moderators group.');
  }
  if (doc.body) {
    answers[413] = errorAnswer(`PayloadTooLarge: the body is over ${Math.floor(doc.body.maxBytes / 1024)} KiB.`);
    answers[415] = errorAnswer(`UnsupportedMediaType: not ${doc.body.form ? 'JSON or a form post' : 'JSON'}, or Content-Type sent twice.`);
  }
  answers[500] = errorAnswer('InternalError: an unexpected failure; no detail is given.');
  answers[503] = errorAnswer(
    'ServiceUnavailable: the database is briefly unreachable (or the local server is starting); retry after Retry-After.',
    ['Retry-After'],
  );
  return answers;
}

function response(answer: AnswerDoc): Json {
  return {
    description: answer.description,
    ...(answer.headers?.length ? { headers: Object.fromEntries(answer.headers.map((h) => [h, ref('headers', h)])) } : {}),
    ...(answer.body ? { content: { 'application/json': { schema: ref('schemas', answer.body) } } } : {}),
    ...(answer.html ? { content: { 'text/html': { schema: { type: 'string' } } } } : {}),
  };
}

function operation(route: Route, doc: RouteDoc): Json {
  const pathParameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => {
    const param = PATH_PARAMETERS[name!];
    if (!param) throw new Error(`openapi: path parameter {${name}} of ${route.name} has no description in generate.ts`);
    return { name, in: 'path', required: true, ...param };
  });
  const parameters = [
    ...pathParameters,
    ...(doc.query ?? []).map((q) => ({
      name: q.name,
      in: 'query',
      required: q.required ?? false,
      description: q.description,
      schema: q.schema,
    })),
    ...(doc.idempotencyKey ? [ref('parameters', 'IdempotencyKey')] : []),
    ...(doc.conditional ? [ref('parameters', 'IfNoneMatch')] : []),
  ];
  const answers = { ...sharedAnswers(route, doc), ...doc.answers };
  const statuses = Object.keys(answers).sort();
  return {
    operationId: route.name,
    summary: doc.summary,
    description: doc.description,
    tags: [route.auth === 'moderator' ? 'Moderation' : 'Public'],
    security: route.auth === 'moderator' ? [{ moderator: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: doc.body.required,
            description: doc.body.description,
            content: {
              'application/json': { schema: ref('schemas', doc.body.json) },
              ...(doc.body.form ? { 'application/x-www-form-urlencoded': { schema: ref('schemas', doc.body.form) } } : {}),
            },
          },
        }
      : {}),
    responses: Object.fromEntries(statuses.map((status) => [status, response(answers[Number(status)]!)])),
  };
}

const packageVersion = (): string => JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8')).version;

export async function openApiDocument(options: { routes?: readonly Route[]; localApiUrl?: string } = {}): Promise<Json> {
  const routes = options.routes ?? ROUTES;
  const docs = await routeDocs(routes);
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, docs.get(route.name)!);

  return {
    openapi: '3.1.0',
    info: {
      title: 'Comment moderation service',
      version: packageVersion(),
      description:
        'Readers post comments under an article; moderators work the queue. Prose reference: docs/api.md. Every error answer is { "error", "message" } (422 adds "fields"); no public answer ever contains an email address.',
    },
    servers: [
      { url: options.localApiUrl ?? LOCAL_API_URL, description: 'npm start' },
      {
        url: 'https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}',
        description: 'Deployed (the ApiUrl output of cdk deploy)',
        variables: { restApiId: { default: 'restApiId' }, region: { default: 'us-east-1' }, stage: { default: 'api' } },
      },
    ],
    tags: [
      { name: 'Public', description: 'The article page: post and read comments.' },
      { name: 'Moderation', description: 'Moderators only: a Cognito ID token of the moderators group (locally, the moderator token).' },
    ],
    paths,
    components: {
      securitySchemes: {
        moderator: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "Deployed: the ID token from the Cognito user pool's hosted sign-in, for a user in the moderators group. Locally: the moderator token npm start prints (MODERATOR_TOKEN).",
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Optional, 8 to 128 visible ASCII characters. A retried post with the same key on the same article is stored once and answered as the first time. Sent twice or malformed: 400.',
          schema: { type: 'string', pattern: '^[\\x21-\\x7E]{8,128}$' },
        },
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'An ETag this answer carried before: when it is still current the answer is a bodiless 304.',
          schema: { type: 'string' },
        },
      },
      headers: {
        'Retry-After': { description: 'Whole seconds to wait before trying again (at least 1).', schema: { type: 'integer', minimum: 1 } },
        Location: { description: 'The page the form was posted from, with the outcome in its query string.', schema: { type: 'string' } },
        ETag: { description: 'A strong validator of the body; send it back as If-None-Match.', schema: { type: 'string' } },
        'Cache-Control': {
          description:
            'public, max-age=0, s-maxage=S, stale-while-revalidate=W, stale-if-error=86400 on cacheable reads; no-store elsewhere.',
          schema: { type: 'string' },
        },
      },
      schemas: componentSchemas(),
    },
  };
}

/** The document as written to docs/openapi.json. */
export const openApiText = async (document?: Json): Promise<string> =>
  `${JSON.stringify(document ?? (await openApiDocument()), null, 2)}\n`;
