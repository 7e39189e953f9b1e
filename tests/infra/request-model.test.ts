/**
 * The API Gateway request model is generated from the handler's zod schema.
 * The model as deployed (read from the synthesized template) is compiled by
 * Ajv with its draft-04 support, a validator kept independently of this
 * project, and must accept and refuse exactly the JSON bodies the handler
 * does, so the deployed API answers as the local one does.
 */
import { JsonSchemaType } from 'aws-cdk-lib/aws-apigateway';
import Ajv04, { type ValidateFunction } from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportShape, submissionShape } from '../../lambda/domain/validation';
import { apiMethods } from './support';
import { REQUEST_MODELS, requestModelSchema, toApiGatewaySchema } from '../../lib/request-models';
import { resourcesOf, synthesize } from './support';

/** The submission model exactly as the template deploys it, compiled by Ajv (which checks it against the draft-04 meta-schema). */
let deployedSchema: Record<string, unknown>;
let gatewayAccepts: ValidateFunction;
let template: ReturnType<typeof synthesize>['template'];
beforeAll(() => {
  ({ template } = synthesize());
  const models = Object.values(resourcesOf(template, 'AWS::ApiGateway::Model')).filter(
    (m) => m.Properties.Description === REQUEST_MODELS.submission.description,
  );
  expect(models).toHaveLength(1);
  deployedSchema = models[0]!.Properties.Schema;
  gatewayAccepts = new Ajv04({ strict: true, allErrors: true }).compile(deployedSchema);
});

const BODIES: unknown[] = [
  {},
  { comment: 'Nice piece.', author: 'Ana', email: 'ana@example.com' },
  { comment: 'x', author: 'A', email: 'a@b.c', url: '', parentId: null, comment_parent: '0', website_confirm: '' },
  { comment: null, author: null },
  { comment: 'x'.repeat(70_000) },
  { comment: 42 },
  { author: ['Ana'] },
  { email: { address: 'a@b.c' } },
  { url: true },
  { parentId: 7 },
  { comment_parent: 0 },
  { unknownField: 123, nested: { anything: [1, 2] } },
  [],
  [{ comment: 'x' }],
  'a string',
  12,
  null,
  true,
];

describe('submission request model', () => {
  const model = requestModelSchema('submission');

  it('is a draft-4 object schema of the submission fields', () => {
    expect(model).toMatchObject({
      schema: 'http://json-schema.org/draft-04/schema#',
      type: JsonSchemaType.OBJECT,
      additionalProperties: true,
    });
    expect(Object.keys(model.properties ?? {}).sort()).toEqual(Object.keys(submissionShape.def.shape).sort());
  });

  it('is deployed as a draft-04 schema with the same content', () => {
    expect(deployedSchema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    const { schema: _schema, ...rest } = model;
    expect(deployedSchema).toMatchObject(JSON.parse(JSON.stringify(rest)));
  });

  it.each(BODIES.map((b) => [JSON.stringify(b).slice(0, 60), b] as const))('gateway and handler agree on %s', (_label, body) => {
    expect(gatewayAccepts(body), JSON.stringify(gatewayAccepts.errors)).toBe(submissionShape.safeParse(body).success);
  });

  it('agree on which bodies they refuse: some of the samples are refused, some accepted', () => {
    const verdicts = BODIES.map((b) => gatewayAccepts(b));
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });

  it('leaves sizes to the handler, which counts UTF-8 bytes and reports every field (422)', () => {
    expect(JSON.stringify(model)).not.toMatch(/maxLength|minLength|required/);
  });

  it('refuses JSON schema keywords it cannot translate instead of dropping them', () => {
    expect(() => toApiGatewaySchema({ type: 'string', contentEncoding: 'base64' })).toThrow(/contentEncoding/);
    expect(() => toApiGatewaySchema({ type: 'bigint' })).toThrow(/unknown JSON type/);
  });
});

describe("the reader's report POST", () => {
  const REPORT_BODIES: unknown[] = [
    {},
    { reason: 'spam' },
    { reason: 'abuse', note: 'Quotes <script> and ../../etc/passwd' },
    { reason: null, note: null },
    { reason: 3 },
    { note: ['x'] },
    { reason: 'spam', extra: { nested: 1 } },
    [],
    'spam',
    null,
  ];

  it('has a request model and a body validator, like the comment POST', () => {
    const report = apiMethods(template).find((m) => m.method === 'POST' && m.path.endsWith('/reports'))!;
    const modelId = report.properties.RequestModels?.['application/json']?.Ref;
    const model = resourcesOf(template, 'AWS::ApiGateway::Model')[modelId]!;
    expect(model.Properties.Description).toBe(REQUEST_MODELS.report.description);
    const validator = resourcesOf(template, 'AWS::ApiGateway::RequestValidator')[report.properties.RequestValidatorId.Ref]!;
    expect(validator.Properties.ValidateRequestBody).toBe(true);
  });

  it.each(REPORT_BODIES.map((b) => [JSON.stringify(b), b] as const))('gateway model and handler shape agree on %s', (_label, body) => {
    const model = Object.values(resourcesOf(template, 'AWS::ApiGateway::Model')).find(
      (m) => m.Properties.Description === REQUEST_MODELS.report.description,
    )!;
    const accepts = new Ajv04({ strict: true, allErrors: true }).compile(model.Properties.Schema);
    expect(accepts(body)).toBe(reportShape.safeParse(body).success);
  });
});
