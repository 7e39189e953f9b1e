/** One place for the moderators' request bodies: the OpenAPI document shows the very schemas the handlers validate with. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { BAN_MAX_DAYS, BAN_SCOPES } from '../../lambda/domain/bans';
import { BAN_FIELD_MESSAGES, banBody, erasureBody, fieldErrors } from '../../lambda/http/request-bodies';
import { reportShape } from '../../lambda/domain/validation';

const documented = JSON.parse(readFileSync('docs/openapi.json', 'utf8')).components.schemas;
const properties = (schema: z.core.$ZodType) =>
  (z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, unknown> }).properties;

describe('request bodies', () => {
  it('the documented ban and erasure bodies are generated from the schemas the handlers parse with', () => {
    expect(documented.BanRequest.properties).toEqual(properties(banBody));
    expect(documented.BanRequest.properties.scope.enum).toEqual([...BAN_SCOPES]);
    expect(JSON.stringify(documented.BanRequest.properties.days)).toContain(`"maximum":${BAN_MAX_DAYS}`);
    expect(documented.ErasureRequest.properties).toEqual(properties(erasureBody));
  });

  it("a ban body's every failing field gets its message, and an unknown key is named", () => {
    const parsed = banBody.safeParse({ scope: 'everyone', days: 0, reason: 7, until: 'tomorrow' });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!, BAN_FIELD_MESSAGES, 'is not a ban field.')).toEqual({
      scope: BAN_FIELD_MESSAGES.scope,
      days: BAN_FIELD_MESSAGES.days,
      reason: BAN_FIELD_MESSAGES.reason,
      until: 'is not a ban field.',
    });
    expect(banBody.safeParse({ scope: 'both', days: null }).success).toBe(true);
  });

  it("the reader's report shape accepts what the handler's rules then judge, and refuses wrong JSON types", () => {
    expect(reportShape.safeParse({ reason: 'spam', note: null }).success).toBe(true);
    expect(reportShape.safeParse({ reason: 'spam', note: 42 }).success).toBe(false);
  });
});
