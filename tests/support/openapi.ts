/** Checks answers against the OpenAPI document with a kept validator (Ajv, JSON Schema 2020-12). */
import Ajv2020 from 'ajv/dist/2020';

type Json = Record<string, any>;

export interface Operation {
  path: string;
  method: string;
  operation: Json;
}

export function operations(document: Json): Map<string, Operation> {
  const found = new Map<string, Operation>();
  for (const [path, methods] of Object.entries(document.paths as Json))
    for (const [method, operation] of Object.entries(methods as Json)) found.set(operation.operationId, { path, method, operation });
  return found;
}

/** Validators for the document's component schemas, by name. */
export function schemaValidator(document: Json) {
  // The components as one schema with $defs, so every $ref resolves inside it.
  const text = JSON.stringify({ $id: 'api', $defs: document.components.schemas }).replaceAll('#/components/schemas/', '#/$defs/');
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  ajv.addSchema(JSON.parse(text));
  return (name: string) => {
    const validate = ajv.getSchema(`api#/$defs/${name}`);
    if (!validate) throw new Error(`no schema ${name}`);
    return validate;
  };
}

/**
 * Problems with one real answer against what the document says of that
 * operation: an undocumented status, a body that does not match its schema,
 * a documented header missing. An empty list means it conforms.
 */
export function conformance(
  document: Json,
  validator: ReturnType<typeof schemaValidator>,
  operationId: string,
  answer: { status: number; headers: Headers; text: string },
): string[] {
  const found = operations(document).get(operationId);
  if (!found) return [`${operationId} is not in the document`];
  const documented = found.operation.responses[String(answer.status)];
  if (!documented) return [`${operationId} answered ${answer.status}, which it does not document`];
  const problems: string[] = [];
  for (const header of Object.keys(documented.headers ?? {}))
    if (!answer.headers.has(header)) problems.push(`${operationId} ${answer.status}: header ${header} missing`);
  if (documented.content?.['text/html']) {
    if (!/^text\/html/.test(answer.headers.get('content-type') ?? '')) problems.push(`${operationId} ${answer.status}: not text/html`);
    if (!answer.text.startsWith('<!doctype html>')) problems.push(`${operationId} ${answer.status}: not an HTML page`);
    return problems;
  }
  const ref: string | undefined = documented.content?.['application/json']?.schema?.$ref;
  if (!ref) {
    if (answer.text !== '') problems.push(`${operationId} ${answer.status}: documented without a body, answered one`);
    return problems;
  }
  const validate = validator(ref.replace('#/components/schemas/', ''));
  if (!validate(JSON.parse(answer.text))) problems.push(`${operationId} ${answer.status}: ${JSON.stringify(validate.errors)}`);
  return problems;
}
