/**
 * API Gateway request models, generated from the zod schemas the handlers
 * use, so the gateway and the handler cannot drift apart.
 *
 * The model checks only what the gateway should refuse early (the body is a
 * JSON object, the fields have the right JSON types): the handler answers
 * exactly those bodies with 400 too. Lengths are counted in UTF-8 bytes by
 * the handler, which reports every failing field at once (422); a gateway
 * `maxLength` would count characters and turn some of those 422s into 400s,
 * so sizes stay the handler's.
 */
import { type JsonSchema, JsonSchemaType, JsonSchemaVersion } from 'aws-cdk-lib/aws-apigateway';
import * as z from 'zod';
import { reportShape, submissionShape } from '../lambda/domain/validation';

/** Models by the name routes use in `bodyModel`. */
export const REQUEST_MODELS = {
  submission: { schema: submissionShape, description: 'A comment submission: a JSON object whose known fields are strings or null' },
  report: { schema: reportShape, description: "A reader's report: a JSON object whose reason and note are strings or null" },
} as const;

export type RequestModelName = keyof typeof REQUEST_MODELS;

export function requestModelSchema(name: RequestModelName): JsonSchema {
  const generated = z.toJSONSchema(REQUEST_MODELS[name].schema, { target: 'draft-4', io: 'input' });
  return { ...toApiGatewaySchema(generated), schema: JsonSchemaVersion.DRAFT4, title: name };
}

const TYPES: Record<string, JsonSchemaType> = {
  null: JsonSchemaType.NULL,
  boolean: JsonSchemaType.BOOLEAN,
  object: JsonSchemaType.OBJECT,
  array: JsonSchemaType.ARRAY,
  number: JsonSchemaType.NUMBER,
  integer: JsonSchemaType.INTEGER,
  string: JsonSchemaType.STRING,
};

type Json = Record<string, unknown>;

/**
 * Converts zod's draft-4 output into CDK's JsonSchema. Unknown keywords
 * throw, so a constraint is never dropped silently.
 */
export function toApiGatewaySchema(input: Json): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case '$schema':
        break; // set once at the top, as CDK's `schema`
      case 'type':
        out.type = Array.isArray(value) ? value.map(typeOf) : typeOf(value);
        break;
      case 'properties':
        out.properties = Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => [k, toApiGatewaySchema(v)]));
        break;
      case 'additionalProperties':
      case 'items':
        // zod writes "anything" as {}; draft 4 says the same with `true`.
        out[key] = typeof value === 'boolean' ? value : isEmpty(value) ? true : toApiGatewaySchema(value as Json);
        break;
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
        out[key] = (value as Json[]).map(toApiGatewaySchema);
        break;
      case 'required':
      case 'enum':
      case 'minLength':
      case 'maxLength':
      case 'pattern':
      case 'minimum':
      case 'maximum':
      case 'minItems':
      case 'maxItems':
      case 'description':
      case 'title':
      case 'format':
        out[key] = value;
        break;
      default:
        throw new Error(`request model: JSON schema keyword "${key}" has no API Gateway mapping`);
    }
  }
  return out as JsonSchema;
}

function typeOf(value: unknown): JsonSchemaType {
  const type = TYPES[String(value)];
  if (!type) throw new Error(`request model: unknown JSON type ${JSON.stringify(value)}`);
  return type;
}

const isEmpty = (value: unknown) => typeof value === 'object' && value !== null && Object.keys(value).length === 0;
