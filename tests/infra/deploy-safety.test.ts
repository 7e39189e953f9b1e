/**
 * What a first deploy, an update, a destroy and a second stack in the same
 * account would hit, checked on the synthesized template: region rules for
 * the optional parts, a rollback that can delete what it created, names that
 * do not collide, and nothing left behind that never expires.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../lib/config';
import {
  COMMERCIAL_REGIONS,
  COMPREHEND_TOXICITY_REGIONS,
  NEAREST_ORIGIN_SHIELD,
  ORIGIN_SHIELD_REGIONS,
  REGIONS_WITHOUT_BEDROCK_GUARDRAILS,
  REGIONS_WITHOUT_SES_CONFIGURATION_SETS,
  regionsAllowedBy,
} from '../../lib/regions';
import { RESOURCE_BUDGET } from '../../scripts/templates';
import { logicalIdOf, resourcesOf, synthesize, type Synthesized } from './support';

const EVERY_OPTION = { classifiers: 'builtin,akismet,comprehend,guardrails', mailFrom: 'comments@news.example.com' };

let plain: Synthesized;
let all: Synthesized;
beforeAll(() => {
  plain = synthesize();
  all = synthesize({}, EVERY_OPTION);
});

type Rule = { Assertions: Array<{ Assert: Record<string, unknown>; AssertDescription: string }> };
/** The stack's own rules (CDK adds one that checks the bootstrap version). */
const rulesOf = (s: Synthesized): Record<string, Rule> =>
  Object.fromEntries(
    Object.entries((s.template.toJSON().Rules ?? {}) as Record<string, Rule>).filter(([id]) => id !== 'CheckBootstrapVersion'),
  );
/** The regions one rule lets the stack deploy to. */
const allowedRegions = (rule: Rule) => regionsAllowedBy({ Rules: { rule } });

describe('region rules', () => {
  it('refuse, at change-set time, reply mail, guardrails and Comprehend where their service is missing', () => {
    const rules = rulesOf(all);
    expect(allowedRegions(rules.ReplyMailRegion!)).toEqual(
      COMMERCIAL_REGIONS.filter((r) => !(REGIONS_WITHOUT_SES_CONFIGURATION_SETS as readonly string[]).includes(r)),
    );
    expect(allowedRegions(rules.GuardrailsRegion!)).not.toContain('af-south-1');
    expect(allowedRegions(rules.GuardrailsRegion!)).toHaveLength(COMMERCIAL_REGIONS.length - REGIONS_WITHOUT_BEDROCK_GUARDRAILS.length);
    expect(allowedRegions(rules.ComprehendRegion!)).toEqual(
      COMMERCIAL_REGIONS.filter((r) => (COMPREHEND_TOXICITY_REGIONS as readonly string[]).includes(r)),
    );
    for (const rule of Object.values(rules)) expect(rule.Assertions[0]!.AssertDescription).toMatch(/-c /);
  });

  it('are absent from the default stack, which deploys to every commercial region', () => {
    expect(rulesOf(plain)).toEqual({});
    expect(regionsAllowedBy(plain.template.toJSON())).toEqual([...COMMERCIAL_REGIONS]);
  });
});

describe('Origin Shield', () => {
  it('is looked up from the stack region at deploy, always an Origin Shield region, a region with one using its own', () => {
    const mapping = plain.template.toJSON().Mappings.OriginShieldByRegion as Record<string, { shield: string }>;
    expect(Object.keys(mapping).sort()).toEqual([...COMMERCIAL_REGIONS].sort());
    for (const [region, { shield }] of Object.entries(mapping)) {
      expect(ORIGIN_SHIELD_REGIONS, region).toContain(shield);
      if ((ORIGIN_SHIELD_REGIONS as readonly string[]).includes(region)) expect(shield).toBe(region);
    }
    expect(mapping['eu-west-3']!.shield).toBe(NEAREST_ORIGIN_SHIELD['eu-west-3']);
  });

  it('refuses a region that has no Origin Shield at synth', () => {
    expect(() => synthesize({}, { originShieldRegion: 'eu-north-1' })).toThrow(
      /originShieldRegion: "eu-north-1" is not an Origin Shield region/,
    );
  });
});

describe('a failed first deploy rolls back', () => {
  const protections = (s: Synthesized) => ({
    tables: Object.values(resourcesOf(s.template, 'AWS::DynamoDB::Table')).map((t) => t.Properties.DeletionProtectionEnabled),
    pool: Object.values(resourcesOf(s.template, 'AWS::Cognito::UserPool')).map((p) => p.Properties.DeletionProtection),
  });

  it('with -c deletionProtection=false the tables and the pool can be deleted by the rollback, and are still kept on destroy', () => {
    const first = synthesize({}, { deletionProtection: 'false' });
    expect(protections(first)).toEqual({ tables: [false, false], pool: ['INACTIVE'] });
    for (const type of ['AWS::DynamoDB::Table', 'AWS::Cognito::UserPool'])
      for (const r of Object.values(resourcesOf(first.template, type))) expect(r.DeletionPolicy).toBe('RetainExceptOnCreate');
  });

  it('and every later plain deploy switches deletion protection on', () => {
    expect(protections(plain)).toEqual({ tables: [true, true], pool: ['ACTIVE'] });
    expect(readConfig(plain.stack.node).deletionProtection).toBe(true);
  });
});

describe('size', () => {
  it("stays under 400 of CloudFormation's 500 resources with every option on", () => {
    expect(Object.keys(all.template.toJSON().Resources).length).toBeLessThan(RESOURCE_BUDGET);
  });
});

describe('names and leftovers', () => {
  it('the guardrail is named after the stack, so two stacks in one account and region do not collide', () => {
    const names = ['Staging', 'Production'].map((stackName) => {
      const { template } = synthesize({ stackName }, EVERY_OPTION);
      return Object.values(resourcesOf(template, 'AWS::Bedrock::Guardrail'))[0]!.Properties.Name;
    });
    expect(names).toEqual(['Staging-comments', 'Production-comments']);
  });

  it('a changed guardrail configuration mints a new version (its description carries the configuration)', () => {
    const descriptionOf = (s: Synthesized) =>
      Object.values(resourcesOf(s.template, 'AWS::Bedrock::GuardrailVersion'))[0]!.Properties.Description;
    const other = synthesize({ stackName: 'Other' }, EVERY_OPTION);
    expect(descriptionOf(all)).toMatch(/configuration [0-9a-f]{12}/);
    expect(descriptionOf(other)).not.toBe(descriptionOf(all));
    expect(descriptionOf(synthesize({}, EVERY_OPTION))).toBe(descriptionOf(all));
  });

  it("API Gateway's execution log group is the stack's: retention set, deleted on destroy, created before the stage", () => {
    const groups = Object.entries(resourcesOf(plain.template, 'AWS::Logs::LogGroup')).filter(([, g]) =>
      JSON.stringify(g.Properties.LogGroupName ?? '').includes('API-Gateway-Execution-Logs_'),
    );
    expect(groups).toHaveLength(1);
    const [id, group] = groups[0]!;
    expect(group.Properties.RetentionInDays).toBe(30);
    expect(group.DeletionPolicy).toBe('Delete');
    expect(JSON.stringify(group.Properties.LogGroupName)).toContain(logicalIdOf(plain.stack, 'Http/Api'));
    const stages = Object.values(plain.template.toJSON().Resources as Record<string, { Type: string; DependsOn?: string[] }>).filter(
      (r) => r.Type === 'AWS::ApiGateway::Stage',
    );
    expect(stages.map((s) => s.DependsOn ?? [])).toEqual([expect.arrayContaining([id])]);
  });

  it('the moderators group stays with the retained user pool on destroy', () => {
    const groups = Object.values(resourcesOf(plain.template, 'AWS::Cognito::UserPoolGroup'));
    expect(groups.map((g) => g.DeletionPolicy)).toEqual(['RetainExceptOnCreate']);
  });
});
