/**
 * The API Gateway request model is generated from the handler's zod schema.
 * A small draft-4 evaluator (the keywords the model uses) checks that the
 * gateway and the handler accept and refuse exactly the same JSON bodies,
 * so the deployed API answers as the local one does.
 */
import { JsonSchemaType, type JsonSchema } from 'aws-cdk-lib/aws-apigateway';
import { describe, expect, it } from 'vitest';
import { submissionShape } from '../../lambda/domain/validation';
import { requestModelSchema, toApiGatewaySchema } from '../../lib/request-models';

function jsonType(value: unknown): JsonSchemaType {
  if (value === null) return JsonSchemaType.NULL;
  if (Array.isArray(value)) return JsonSchemaType.ARRAY;
  if (typeof value === 'number') return Number.isInteger(value) ? JsonSchemaType.INTEGER : JsonSchemaType.NUMBER;
  return typeof value as JsonSchemaType;
}

/** Draft-4 evaluation of type / properties / additionalProperties / required / maxLength. */
function accepts(schema: JsonSchema | boolean, value: unknown): boolean {
  if (typeof schema === 'boolean') return schema;
  const known = new Set(['schema', 'title', 'description', 'type', 'properties', 'additionalProperties', 'required', 'maxLength']);
  for (const keyword of Object.keys(schema)) if (!known.has(keyword)) throw new Error(`evaluator does not know "${keyword}"`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = jsonType(value);
    if (!types.includes(actual) && !(actual === JsonSchemaType.INTEGER && types.includes(JsonSchemaType.NUMBER))) return false;
  }
  if (typeof value === 'string' && schema.maxLength !== undefined && [...value].length > schema.maxLength) return false;
  if (jsonType(value) === JsonSchemaType.OBJECT) {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) return false;
    for (const [name, field] of Object.entries(object)) {
      const fieldSchema = schema.properties?.[name] ?? schema.additionalProperties ?? true;
      if (!accepts(fieldSchema, field)) return false;
    }
  }
  return true;
}

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

  it.each(BODIES.map((b) => [JSON.stringify(b).slice(0, 60), b] as const))('gateway and handler agree on %s', (_label, body) => {
    expect(accepts(model, body)).toBe(submissionShape.safeParse(body).success);
  });

  it('leaves sizes to the handler, which counts UTF-8 bytes and reports every field (422)', () => {
    expect(JSON.stringify(model)).not.toMatch(/maxLength|minLength|required/);
  });

  it('refuses JSON schema keywords it cannot translate instead of dropping them', () => {
    expect(() => toApiGatewaySchema({ type: 'string', contentEncoding: 'base64' })).toThrow(/contentEncoding/);
    expect(() => toApiGatewaySchema({ type: 'bigint' })).toThrow(/unknown JSON type/);
  });
});
