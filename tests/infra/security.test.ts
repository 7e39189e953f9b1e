/** Least privilege, data protection, WAF and cdk-nag, checked on the synthesized template. */
import { App, Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES, type TableDefinition } from '../../lambda/adapters/dynamodb/schema';
import { ROUTES, type Access } from '../../lambda/routes';
import { COMMENT_POST_PATH_REGEX, FREE_TEXT_BODY_RULES } from '../../lib/constructs/api-firewall';
import { GATEWAY_ERROR_RESPONSES } from '../../lib/gateway-responses';
import { asArray, logicalIdOf, referencedId, resourcesOf, statementsOf, synthesize, type CfnResource, type Synthesized } from './support';

let synth: Synthesized;
let names: Map<string, string>;
beforeAll(() => {
  synth = synthesize();
  // Logical ids -> readable names used in the expectations below.
  names = new Map([
    [logicalIdOf(synth.stack, 'Data/Comments'), 'Comments'],
    [logicalIdOf(synth.stack, 'Data/Private'), 'Private'],
    [logicalIdOf(synth.stack, 'Data/PrivateTableKey'), 'PrivateKey'],
    [logicalIdOf(synth.stack, 'Keys/HashKey'), 'HashKey'],
    [logicalIdOf(synth.stack, 'Keys/CursorKey'), 'CursorKey'],
  ]);
});

const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];

/** The specification: what each access entry of the route table may reach, and nothing more. */
const GRANTS: Record<Access, Array<[resource: string, actions: string[]]>> = {
  'published:query': [['Comments/index/published', ['dynamodb:Query']]],
  'articles:read': [['Comments', ['dynamodb:GetItem']]],
  'counts:read': [['Comments', ['dynamodb:BatchGetItem']]],
  'comments:read': [
    ['Comments', READ],
    ['Comments/index/byStatus', READ],
    ['Comments/index/byRisk', READ],
    ['Comments/index/byArticleStatus', READ],
    ['Comments/index/reported', READ],
  ],
  'comments:write': [['Comments', WRITE]],
  'private:read': [
    ['Private', READ],
    ['Private/index/byEmailHash', READ],
    ['PrivateKey', ['kms:Decrypt', 'kms:DescribeKey']],
  ],
  'private:write': [
    ['Private', WRITE],
    ['PrivateKey', ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey']],
  ],
  'secret:hashKey': [['HashKey', ['secretsmanager:GetSecretValue']]],
  'secret:cursorKey': [['CursorKey', ['secretsmanager:GetSecretValue']]],
  'queue:oldest': [['Comments/index/byStatus', ['dynamodb:Query']]],
  'triage:read': [['Comments', ['dynamodb:GetItem', 'dynamodb:Query']]],
  'triage:write': [['Comments', ['dynamodb:PutItem', 'dynamodb:UpdateItem']]],
  // Only builtin by default, which runs inside the function: no rights (tests/infra/classifiers.test.ts enables the others).
  classifiers: [],
};
const EVERY_FUNCTION: Array<[string, string[]]> = [
  ['OwnLogs', ['logs:CreateLogStream', 'logs:PutLogEvents']],
  ['*', ['xray:PutTraceSegments', 'xray:PutTelemetryRecords']],
];

/** A readable name for one IAM resource: a table, an index of it, a key, a secret, or '*'. */
function resourceName(resource: unknown, ownLogs: string): string {
  if (resource === '*') return '*';
  const direct = referencedId(resource);
  if (direct) return direct === ownLogs ? 'OwnLogs' : (names.get(direct) ?? direct);
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join && join[0] === '') {
    const [head, ...rest] = join[1];
    const id = referencedId(head);
    if (id && rest.every((p) => typeof p === 'string')) return `${names.get(id) ?? id}${rest.join('')}`;
  }
  return JSON.stringify(resource);
}

function policyOfRole(roleLogicalId: string): CfnResource {
  const policies = Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy')).filter((p) =>
    p.Properties.Roles.some((r: unknown) => referencedId(r) === roleLogicalId),
  );
  expect(policies).toHaveLength(1);
  return policies[0]!;
}

/** "resource action" pairs a function's role allows. */
function grantedPairs(name: string): string[] {
  const ownLogs = logicalIdOf(synth.stack, `${name}/Logs`);
  const pairs = new Set<string>();
  for (const statement of statementsOf(policyOfRole(logicalIdOf(synth.stack, `${name}/Role`)))) {
    expect(statement.Effect).toBe('Allow');
    for (const resource of asArray(statement.Resource))
      for (const action of asArray(statement.Action)) pairs.add(`${resourceName(resource, ownLogs)} ${action}`);
  }
  return [...pairs].sort();
}

const expectedPairs = (access: readonly Access[]) =>
  [
    ...new Set(
      [...EVERY_FUNCTION, ...access.flatMap((a) => GRANTS[a])].flatMap(([resource, actions]) => actions.map((a) => `${resource} ${a}`)),
    ),
  ].sort();

describe('least privilege', () => {
  it.each(ROUTES.map((r) => [r.name, r] as const))('%s may do exactly what its access list says', (_name, route) => {
    expect(grantedPairs(route.name)).toEqual(expectedPairs(route.access));
  });

  it('the public ListComments function cannot reach the private table, its key or the email hash key', () => {
    const policy = JSON.stringify(policyOfRole(logicalIdOf(synth.stack, 'ListComments/Role')));
    for (const name of ['Data/Private', 'Data/PrivateTableKey', 'Keys/HashKey'])
      expect(policy).not.toContain(logicalIdOf(synth.stack, name));
    expect(grantedPairs('ListComments').filter((p) => !p.startsWith('OwnLogs') && !p.startsWith('* xray'))).toEqual([
      'Comments dynamodb:GetItem',
      'Comments/index/published dynamodb:Query',
      'CursorKey secretsmanager:GetSecretValue',
    ]);
  });

  it('the public ListComments function may get only the settings and article items, never a comment or its history', () => {
    const statements = statementsOf(policyOfRole(logicalIdOf(synth.stack, 'ListComments/Role')));
    const getItem = statements.filter((s) => asArray(s.Action).includes('dynamodb:GetItem'));
    expect(getItem).toHaveLength(1);
    expect(getItem[0]!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['A#*', 'SETTINGS'] } });
  });

  it('the Triage page and the learner reach only the TRIAGE items of the comments table: no comment, no settings', () => {
    const ITEM_ACTIONS = [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:BatchGetItem',
      'dynamodb:DeleteItem',
    ];
    for (const name of ['AdminTriage', 'LearnFromDecisions']) {
      const statements = statementsOf(policyOfRole(logicalIdOf(synth.stack, `${name}/Role`)));
      const itemStatements = statements.filter((s) => asArray(s.Action).some((a) => ITEM_ACTIONS.includes(String(a))));
      expect(itemStatements.length).toBeGreaterThan(0);
      for (const statement of itemStatements)
        expect(statement.Condition).toEqual({ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['TRIAGE'] } });
    }
  });

  it('no statement anywhere grants dynamodb:*, Scan, or a wildcard on a table', () => {
    const tableIds = new Set(Object.keys(resourcesOf(synth.template, 'AWS::DynamoDB::Table')));
    const wildcardOk = new Set([
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'dynamodb:ListStreams',
      'cloudfront:CreateInvalidation',
      'cloudfront:GetInvalidation',
    ]);
    let statements = 0;
    let dynamoActions = 0;
    let tableResources = 0;
    for (const [id, policy] of Object.entries(resourcesOf(synth.template, 'AWS::IAM::Policy'))) {
      for (const statement of statementsOf(policy)) {
        statements += 1;
        const actions = asArray(statement.Action);
        for (const action of actions) {
          if (String(action).startsWith('dynamodb:')) dynamoActions += 1;
          expect(action, id).not.toMatch(/^dynamodb:\*|^\*$|Scan/);
        }
        for (const resource of asArray(statement.Resource)) {
          if (resource === '*')
            expect(
              actions.every((a) => wildcardOk.has(a)),
              `${id}: ${actions.join(',')} on *`,
            ).toBe(true);
          const text = JSON.stringify(resource);
          if ([...tableIds].some((t) => text.includes(`"${t}"`))) {
            tableResources += 1;
            expect(text, id).not.toMatch(/\*/);
          }
        }
      }
    }
    // The checks above ran on real statements: a template whose policies were not found would pass them vacuously.
    expect(statements).toBeGreaterThan(ROUTES.length);
    expect(dynamoActions).toBeGreaterThan(0);
    expect(tableResources).toBeGreaterThan(0);
  });

  it('the private key is usable only through DynamoDB', () => {
    const keyId = logicalIdOf(synth.stack, 'Data/PrivateTableKey');
    let matched = 0;
    for (const policy of Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy'))) {
      for (const statement of statementsOf(policy)) {
        if (!JSON.stringify(statement.Resource).includes(keyId)) continue;
        matched += 1;
        expect(JSON.stringify(statement.Condition)).toContain('kms:ViaService');
        expect(JSON.stringify(statement.Condition)).toContain('dynamodb.');
      }
    }
    // The functions that read emails do use the key: at least one statement names it, so the checks above ran.
    expect(matched).toBeGreaterThan(0);
  });

  it('secret ARNs reach only the functions whose routes list the secret', () => {
    const functions = resourcesOf(synth.template, 'AWS::Lambda::Function');
    for (const route of ROUTES) {
      const env = functions[logicalIdOf(synth.stack, `${route.name}/Function`)]!.Properties.Environment.Variables;
      expect('HASH_KEY_SECRET_ARN' in env, route.name).toBe(route.access.includes('secret:hashKey'));
      expect('CURSOR_KEY_SECRET_ARN' in env, route.name).toBe(route.access.includes('secret:cursorKey'));
      if ('HASH_KEY_SECRET_ARN' in env) expect(referencedId(env.HASH_KEY_SECRET_ARN)).toBe(logicalIdOf(synth.stack, 'Keys/HashKey'));
    }
  });
});

describe('tables', () => {
  it.each(TABLES.map((t): [string, TableDefinition] => [t.logicalName, t]))(
    '%s is built from schema.ts: keys, indexes, TTL, stream',
    (_name, definition) => {
      const table = resourcesOf(synth.template, 'AWS::DynamoDB::Table')[logicalIdOf(synth.stack, `Data/${definition.logicalName}`)]!;
      const p = table.Properties;
      expect(p.KeySchema).toEqual([
        { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
      ]);
      const indexes = (p.GlobalSecondaryIndexes ?? []).map((i: Record<string, any>) => ({
        indexName: i.IndexName,
        keys: i.KeySchema.map((k: { AttributeName: string }) => k.AttributeName),
        projection: i.Projection.ProjectionType,
        include: i.Projection.NonKeyAttributes,
      }));
      expect(indexes).toEqual(
        definition.indexes.map((i) => ({
          indexName: i.indexName,
          keys: [i.partitionKey.name, i.sortKey.name],
          projection: i.include ? 'INCLUDE' : 'ALL',
          include: i.include ? [...i.include] : undefined,
        })),
      );
      expect(p.TimeToLiveSpecification).toEqual(
        definition.timeToLiveAttribute ? { AttributeName: definition.timeToLiveAttribute, Enabled: true } : undefined,
      );
      expect(p.StreamSpecification).toEqual(definition.stream ? { StreamViewType: definition.stream } : undefined);
    },
  );

  it('every table is on-demand, has PITR and deletion protection, and is retained on stack deletion', () => {
    const tables = Object.values(resourcesOf(synth.template, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(TABLES.length);
    for (const table of tables) {
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
      expect(table.DeletionPolicy).toBe('RetainExceptOnCreate');
      expect(table.UpdateReplacePolicy).toBe('Retain');
    }
  });

  it('the private table is encrypted with a retained customer managed key that rotates', () => {
    const keyId = logicalIdOf(synth.stack, 'Data/PrivateTableKey');
    const privateTable = resourcesOf(synth.template, 'AWS::DynamoDB::Table')[logicalIdOf(synth.stack, 'Data/Private')]!;
    expect(privateTable.Properties.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    const key = resourcesOf(synth.template, 'AWS::KMS::Key')[keyId]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('RetainExceptOnCreate');
  });
});

describe('WAF', () => {
  it('is associated with the API stage', () => {
    const associations = Object.values(resourcesOf(synth.template, 'AWS::WAFv2::WebACLAssociation'));
    expect(associations).toHaveLength(1);
    const stageId = Object.keys(resourcesOf(synth.template, 'AWS::ApiGateway::Stage'))[0]!;
    expect(JSON.stringify(associations[0]!.Properties.ResourceArn)).toContain(`"Ref":"${stageId}"`);
    const aclId = Object.keys(resourcesOf(synth.template, 'AWS::WAFv2::WebACL'))[0]!;
    expect(associations[0]!.Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
  });

  it('runs the common and known-bad-inputs rule sets and rate-limits comment posts per IP', () => {
    const acl = Object.values(resourcesOf(synth.template, 'AWS::WAFv2::WebACL'))[0]!.Properties;
    expect(acl.Scope).toBe('REGIONAL');
    const managed = acl.Rules.flatMap((r: any) =>
      r.Statement.ManagedRuleGroupStatement ? [r.Statement.ManagedRuleGroupStatement.Name] : [],
    );
    expect(managed).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    const rate = acl.Rules.find((r: any) => r.Statement.RateBasedStatement);
    expect(rate.Action).toEqual({ Block: {} });
    expect(rate.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: 100, EvaluationWindowSec: 300 });
    const scope = JSON.stringify(rate.Statement.RateBasedStatement.ScopeDownStatement);
    expect(scope).toContain('"SearchString":"POST"');
    expect(scope).toContain(JSON.stringify(COMMENT_POST_PATH_REGEX));
  });

  it('matches the comment POST path after URL decoding and path normalisation, as API Gateway routes it', () => {
    const acl = Object.values(resourcesOf(synth.template, 'AWS::WAFv2::WebACL'))[0]!.Properties;
    const rate = acl.Rules.find((r: any) => r.Statement.RateBasedStatement);
    const path = rate.Statement.RateBasedStatement.ScopeDownStatement.AndStatement.Statements.find((s: any) => s.RegexMatchStatement);
    expect(path.RegexMatchStatement.TextTransformations).toEqual([
      { Priority: 0, Type: 'URL_DECODE' },
      { Priority: 1, Type: 'NORMALIZE_PATH' },
    ]);
  });

  it('lets a comment quote code or paths: the free-text body rules only count on the comment POST and block elsewhere', () => {
    const acl = Object.values(resourcesOf(synth.template, 'AWS::WAFv2::WebACL'))[0]!.Properties;
    const rules: any[] = [...acl.Rules].sort((a, b) => a.Priority - b.Priority);
    const common = rules.find((r) => r.Statement.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesCommonRuleSet');
    const counted = common.Statement.ManagedRuleGroupStatement.RuleActionOverrides.map((o: any) => [o.Name, o.ActionToUse]);
    for (const rule of ['CrossSiteScripting_BODY', 'GenericLFI_BODY', 'GenericRFI_BODY', 'EC2MetaDataSSRF_BODY', 'SizeRestrictions_BODY'])
      expect(counted, rule).toContainEqual([rule, { Count: {} }]);

    // Right after the rule set: block what those rules labelled, unless it is the comment POST.
    const guard = rules[rules.indexOf(common) + 1];
    expect(guard.Action).toEqual({ Block: {} });
    const [labels, notCommentPost] = guard.Statement.AndStatement.Statements;
    expect(labels.OrStatement.Statements.map((s: any) => s.LabelMatchStatement)).toEqual(
      FREE_TEXT_BODY_RULES.map((rule) => ({ Scope: 'LABEL', Key: `awswaf:managed:aws:core-rule-set:${rule.replace('_BODY', '_Body')}` })),
    );
    const scope = JSON.stringify(notCommentPost.NotStatement.Statement);
    expect(scope).toContain('"SearchString":"POST"');
    expect(scope).toContain(JSON.stringify(COMMENT_POST_PATH_REGEX));
  });

  it('answers a block with a neutral message that does not guess why', () => {
    const waf = GATEWAY_ERROR_RESPONSES.find((r) => r.type === 'WAF_FILTERED')!;
    expect(waf.status).toBe(403);
    expect(waf.message).not.toMatch(/quick|fast|many|wait/i);
  });

  it('scopes the rate rule to the comment POST path only', () => {
    const regex = new RegExp(COMMENT_POST_PATH_REGEX);
    for (const path of ['/api/articles/putin-g20-negotiation-offer/comments', '/articles/a.b_c/comments', '/api/articles/x/comments/'])
      expect(regex.test(path), path).toBe(true);
    for (const path of [
      '/api/admin/comments',
      '/api/admin/comments/abc/approve',
      '/api/articles/x/comments/extra',
      '/api/articles//comments',
    ])
      expect(regex.test(path), path).toBe(false);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the stack', () => {
    const report = new AwsSolutionsChecks(synth.app).validateScope(synth.app);
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('does report a finding when one exists (the check is not vacuous)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new Table(new Stack(app, 'Careless'), 'NoBackups', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
    const rules = new AwsSolutionsChecks(app).validateScope(app).violations.map((v) => v.ruleName);
    expect(rules).toContain('AwsSolutions-DDB3');
  });
});
