/**
 * What differs by region, decided at deploy time (the stack itself is
 * region-agnostic): CloudFormation Rules that refuse an optional part where
 * its service does not exist, so the change set fails before anything is
 * created, and the Origin Shield region nearest to the stack's region.
 */
import { Aws, CfnMapping, CfnRule, Fn, type ICfnRuleConditionExpression, type Stack } from 'aws-cdk-lib';

/** The commercial (aws partition) regions the template is linted for. */
export const COMMERCIAL_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
] as const;

/** Regions whose CloudFormation has no AWS::SES::ConfigurationSet (cfn-lint 1.51's resource schemas). */
export const REGIONS_WITHOUT_SES_CONFIGURATION_SETS = [
  'ap-east-1',
  'ap-east-2',
  'ap-southeast-4',
  'ap-southeast-6',
  'ap-southeast-7',
  'eu-south-2',
  'mx-central-1',
] as const;

/** Regions whose CloudFormation has no AWS::Bedrock::Guardrail (cfn-lint 1.51's resource schemas). */
export const REGIONS_WITHOUT_BEDROCK_GUARDRAILS = [
  'af-south-1',
  'ap-east-1',
  'ap-southeast-6',
  'ca-west-1',
  'me-south-1',
  'mx-central-1',
] as const;

/**
 * Where Comprehend's DetectToxicContent answers. AWS's launch post for toxicity detection (AWS News Blog, "New for
 * Amazon Comprehend – Toxicity Detection", November 2023) names these four; the Comprehend Developer Guide's
 * "Trust and safety" page gives no region list, and also says toxicity detection reads English only. Elsewhere every
 * comment would be held as "classifier unavailable", so the stack refuses to deploy there.
 */
export const COMPREHEND_TOXICITY_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'] as const;

/** CloudFront's Origin Shield regions (CloudFront Developer Guide, "Choosing the AWS Region for Origin Shield"). */
export const ORIGIN_SHIELD_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'sa-east-1',
] as const;
export type OriginShieldRegion = (typeof ORIGIN_SHIELD_REGIONS)[number];

/** The Origin Shield region nearest to each region: a region that has one uses its own. */
export const NEAREST_ORIGIN_SHIELD: Record<(typeof COMMERCIAL_REGIONS)[number], OriginShieldRegion> = {
  'af-south-1': 'eu-west-1',
  'ap-east-1': 'ap-northeast-2',
  'ap-east-2': 'ap-northeast-2',
  'ap-northeast-1': 'ap-northeast-1',
  'ap-northeast-2': 'ap-northeast-2',
  'ap-northeast-3': 'ap-northeast-1',
  'ap-south-1': 'ap-south-1',
  'ap-south-2': 'ap-south-1',
  'ap-southeast-1': 'ap-southeast-1',
  'ap-southeast-2': 'ap-southeast-2',
  'ap-southeast-3': 'ap-southeast-1',
  'ap-southeast-4': 'ap-southeast-2',
  'ap-southeast-5': 'ap-southeast-1',
  'ap-southeast-6': 'ap-southeast-2',
  'ap-southeast-7': 'ap-southeast-1',
  'ca-central-1': 'us-east-1',
  'ca-west-1': 'us-west-2',
  'eu-central-1': 'eu-central-1',
  'eu-central-2': 'eu-central-1',
  'eu-north-1': 'eu-central-1',
  'eu-south-1': 'eu-central-1',
  'eu-south-2': 'eu-west-1',
  'eu-west-1': 'eu-west-1',
  'eu-west-2': 'eu-west-2',
  'eu-west-3': 'eu-west-2',
  'il-central-1': 'eu-central-1',
  'me-central-1': 'ap-south-1',
  'me-south-1': 'ap-south-1',
  'mx-central-1': 'us-east-2',
  'sa-east-1': 'sa-east-1',
  'us-east-1': 'us-east-1',
  'us-east-2': 'us-east-2',
  'us-west-1': 'us-west-2',
  'us-west-2': 'us-west-2',
};

export const isOriginShieldRegion = (region: string): region is OriginShieldRegion =>
  (ORIGIN_SHIELD_REGIONS as readonly string[]).includes(region);

/** The Origin Shield region for the stack's region, looked up when CloudFormation knows the region. */
export function originShieldForStackRegion(stack: Stack): string {
  const mapping = new CfnMapping(stack, 'OriginShieldByRegion', {
    mapping: Object.fromEntries(Object.entries(NEAREST_ORIGIN_SHIELD).map(([region, shield]) => [region, { shield }])),
  });
  return mapping.findInMap(Aws.REGION, 'shield');
}

export interface OptionalParts {
  mail: boolean;
  guardrails: boolean;
  comprehend: boolean;
}

/** Rules that fail the change set in a region lacking an enabled optional part, before anything is created. */
export function addRegionRules(stack: Stack, parts: OptionalParts): void {
  const notIn = (regions: readonly string[]) => Fn.conditionNot(Fn.conditionContains([...regions], Aws.REGION));
  const rule = (id: string, assert: ICfnRuleConditionExpression, assertDescription: string) =>
    new CfnRule(stack, id, { assertions: [{ assert, assertDescription }] });
  if (parts.mail)
    rule(
      'ReplyMailRegion',
      notIn(REGIONS_WITHOUT_SES_CONFIGURATION_SETS),
      'Reply mail (-c mailFrom) needs SES configuration sets, which this region lacks: deploy without mailFrom here.',
    );
  if (parts.guardrails)
    rule(
      'GuardrailsRegion',
      notIn(REGIONS_WITHOUT_BEDROCK_GUARDRAILS),
      'The guardrails classifier needs Bedrock guardrails, which this region lacks: leave guardrails out of -c classifiers here.',
    );
  if (parts.comprehend)
    rule(
      'ComprehendRegion',
      Fn.conditionContains([...COMPREHEND_TOXICITY_REGIONS], Aws.REGION),
      `The comprehend classifier needs Comprehend toxicity detection, offered in ${COMPREHEND_TOXICITY_REGIONS.join(', ')}: leave comprehend out of -c classifiers here.`,
    );
}

interface RuleAssertion {
  Assert: Record<string, unknown>;
}

/** Whether one of these rules' assertions holds in `region` (only the forms addRegionRules writes). */
function holds(assertion: Record<string, unknown>, region: string): boolean {
  if ('Fn::Not' in assertion) return !holds((assertion['Fn::Not'] as [Record<string, unknown>])[0], region);
  const contains = assertion['Fn::Contains'] as [unknown, unknown] | undefined;
  const [list, value] = contains ?? [];
  if (!Array.isArray(list) || JSON.stringify(value) !== JSON.stringify({ Ref: 'AWS::Region' }))
    throw new Error(`not a region rule: ${JSON.stringify(assertion)}`);
  return list.includes(region);
}

/** The commercial regions a synthesized template's region rules let it deploy to (CDK's bootstrap check aside). */
export function regionsAllowedBy(template: { Rules?: Record<string, { Assertions: RuleAssertion[] }> }): string[] {
  const rules = Object.entries(template.Rules ?? {}).filter(([id]) => id !== 'CheckBootstrapVersion');
  return COMMERCIAL_REGIONS.filter((region) => rules.every(([, rule]) => rule.Assertions.every((a) => holds(a.Assert, region))));
}
