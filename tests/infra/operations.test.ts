/** Functions, logs, sign-in, hosting, alarms and outputs in the synthesized template. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { SCHEDULED_JOBS, STREAM_CONSUMERS } from '../../lambda/background-functions';
import { ROUTES } from '../../lambda/routes';
import { PROJECT_ROOT } from '../../lib/constructs/service-function';
import { INDEX_REWRITE_CODE, REGIONS_WITHOUT_CLOUDFRONT_LOGS, type WebConfig } from '../../lib/constructs/web-hosting';
import { DEMO_PAGE_MARKERS } from '../../lib/demo-page';
import { buildWebAssets } from '../../scripts/build-web';
import type { ConsoleConfig } from '../../web/admin/config';
import { logicalIdOf, referencedId, resourcesOf, synthesize, type Synthesized } from './support';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});

/** Without -c mailFrom (the default synth) the reply-mail consumer is not deployed. */
const DEPLOYED_CONSUMERS = STREAM_CONSUMERS.filter((c) => !c.needs.includes('mail'));
const serviceFunctionNames = () => [
  ...ROUTES.map((r) => r.name),
  ...DEPLOYED_CONSUMERS.map((c) => c.name),
  ...SCHEDULED_JOBS.map((j) => j.name),
];

describe('functions', () => {
  it('one per route and stream consumer, each with the shared defaults', () => {
    const functions = resourcesOf(synth.template, 'AWS::Lambda::Function');
    for (const name of serviceFunctionNames()) {
      const fn = functions[logicalIdOf(synth.stack, `${name}/Function`)]!.Properties;
      expect(fn, name).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: 10,
        MemorySize: 512,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: logicalIdOf(synth.stack, `${name}/Logs`) } },
      });
      expect(fn.Environment.Variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'comments',
        COMMENTS_TABLE: { Ref: logicalIdOf(synth.stack, 'Data/Comments') },
        PRIVATE_TABLE: { Ref: logicalIdOf(synth.stack, 'Data/Private') },
      });
      expect(referencedId(fn.Role)).toBe(logicalIdOf(synth.stack, `${name}/Role`));
    }
  });

  it('roles carry no AWS managed policies', () => {
    for (const name of serviceFunctionNames()) {
      const role = resourcesOf(synth.template, 'AWS::IAM::Role')[logicalIdOf(synth.stack, `${name}/Role`)]!;
      expect(role.Properties.ManagedPolicyArns, name).toBeUndefined();
    }
  });

  it('public functions take reserved concurrency from context when set', () => {
    const { stack, template } = synthesize({}, { publicReservedConcurrency: '20' });
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    for (const route of ROUTES) {
      const reserved = functions[logicalIdOf(stack, `${route.name}/Function`)]!.Properties.ReservedConcurrentExecutions;
      expect(reserved, route.name).toBe(route.auth === 'public' ? 20 : undefined);
    }
  });
});

describe('logs', () => {
  it('every log group has a retention and no deprecated LogRetention custom resource exists', () => {
    const groups = Object.values(resourcesOf(synth.template, 'AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(serviceFunctionNames().length + 1);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(30);
    expect(Object.keys(resourcesOf(synth.template, 'Custom::LogRetention'))).toHaveLength(0);
  });
});

describe('moderator sign-in', () => {
  it('is invitation-only with a strong password policy and TOTP MFA', () => {
    const pool = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPool'))[0]!.Properties;
    expect(pool.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.Policies.PasswordPolicy).toMatchObject({
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(pool.UserPoolTier).toBe('PLUS');
  });

  it('has the moderators group and a console client using the code flow without a secret', () => {
    const groups = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolGroup'));
    expect(groups.map((g) => g.Properties.GroupName)).toEqual(['moderators']);
    const client = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(JSON.stringify(client.CallbackURLs)).toContain(logicalIdOf(synth.stack, 'Web/Cdn'));
    expect(JSON.stringify(client.CallbackURLs)).toContain('/admin');
    expect(Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPoolDomain'))).toHaveLength(1);
  });
});

describe('web hosting', () => {
  it('serves a private, TLS-only bucket through CloudFront with origin access control', () => {
    const bucketId = logicalIdOf(synth.stack, 'Web/Assets');
    const bucket = resourcesOf(synth.template, 'AWS::S3::Bucket')[bucketId]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.LoggingConfiguration).toBeDefined();
    const policy = Object.values(resourcesOf(synth.template, 'AWS::S3::BucketPolicy')).find(
      (p) => referencedId(p.Properties.Bucket) === bucketId,
    )!;
    expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"');
    const distribution = Object.values(resourcesOf(synth.template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    expect(distribution.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
    expect(distribution.Origins[0].OriginAccessControlId).toBeDefined();
    expect(distribution.Logging).toBeDefined();
  });

  it('sends a CSP that lets pages connect only to themselves, the API and Cognito', () => {
    const policy = Object.values(resourcesOf(synth.template, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties
      .ResponseHeadersPolicyConfig;
    const csp = JSON.stringify(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    const restApiId = Object.keys(resourcesOf(synth.template, 'AWS::ApiGateway::RestApi'))[0]!;
    expect(csp).toContain("connect-src 'self' https://");
    expect(csp).toContain(`"Ref":"${restApiId}"`);
    expect(csp).toContain('amazoncognito.com');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(policy.SecurityHeadersConfig.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
  });

  it('deploys the assets plus a config.json and invalidates the cache', () => {
    const deployments = Object.values(resourcesOf(synth.template, 'Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(1);
    const deployment = deployments[0]!.Properties;
    expect(deployment.SourceObjectKeys).toHaveLength(2); // placeholder page (no web/dist in tests) + config.json
    expect(deployment.DistributionPaths).toEqual(['/*']);
    const markers = JSON.stringify(deployment.SourceMarkers);
    expect(markers).toContain(Object.keys(resourcesOf(synth.template, 'AWS::ApiGateway::RestApi'))[0]!);
    expect(markers).toContain(Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'))[0]!);
  });

  it('uploads the real web build, with the demo article page at / wired to the API and the site', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    await buildWebAssets(dist);
    // The page a visitor of SiteUrl gets: the article with the comment form, not a 403.
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain(DEMO_PAGE_MARKERS.apiUrl);
    const { stack, template } = synthesize({ webAssetsDir: dist });
    const deployment = Object.values(resourcesOf(template, 'Custom::CDKBucketDeployment'))[0]!.Properties;
    expect(deployment.SourceObjectKeys).toHaveLength(3); // the built folder, index.html with the deploy-time values, config.json
    const markers = JSON.stringify(deployment.SourceMarkers);
    // The page's API URL and its own address are filled in at deploy time.
    expect(markers).toContain(logicalIdOf(stack, 'Http/Api'));
    expect(markers).toContain(logicalIdOf(stack, 'Web/Cdn'));
  });
});

describe('names that are unique per account carry the region', () => {
  const nameOf = (type: string, path: (p: Record<string, any>) => unknown) =>
    JSON.stringify(Object.values(resourcesOf(synth.template, type)).map((r) => path(r.Properties)));

  it('the response headers policy and the origin access control (a second region of the same account deploys)', () => {
    expect(nameOf('AWS::CloudFront::ResponseHeadersPolicy', (p) => p.ResponseHeadersPolicyConfig.Name)).toContain('"Ref":"AWS::Region"');
    expect(nameOf('AWS::CloudFront::OriginAccessControl', (p) => p.OriginAccessControlConfig.Name)).toContain('"Ref":"AWS::Region"');
    expect(nameOf('AWS::CloudFront::Function', (p) => p.Name)).toContain('"Ref":"AWS::Region"');
  });
});

describe('CloudFront access logs', () => {
  it('go to the log bucket except in the opt-in regions, where CloudFront cannot deliver them', () => {
    const json = synth.template.toJSON();
    const distribution = Object.values(resourcesOf(synth.template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    const [condition, whenUnsupported, otherwise] = distribution.Logging['Fn::If'];
    expect(whenUnsupported).toEqual({ Ref: 'AWS::NoValue' });
    expect(otherwise).toEqual({
      Bucket: { 'Fn::GetAtt': [logicalIdOf(synth.stack, 'Web/AccessLogs'), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
    const regions = JSON.stringify(json.Conditions[condition]);
    for (const region of REGIONS_WITHOUT_CLOUDFRONT_LOGS) expect(regions).toContain(`"${region}"`);
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) expect(regions).not.toContain(`"${region}"`);
  });
});

describe('retained resources', () => {
  /** Everything `cdk destroy` leaves behind, and how the tear-down section of docs/deploy.md names it. */
  const RETAINED: Array<[path: string, docName: string]> = [
    ['Data/Comments', 'both DynamoDB tables'],
    ['Data/Private', 'both DynamoDB tables'],
    ['Data/PrivateTableKey', "the Private table's KMS key"],
    ['Notifications/TopicKey', "the notification topics' KMS key"],
    ['Keys/HashKey', 'the email hash key secret'],
    ['SignIn/Moderators', 'the Cognito user pool'],
    ['Web/Assets', 'the site bucket'],
    ['Web/AccessLogs', 'the access-log bucket'],
    ['Http/Api/CloudWatchRole', "API Gateway's account-level CloudWatch role"],
    ['Http/Api/Account', "API Gateway's account-level CloudWatch role"],
  ];

  it('are exactly the data, keys, sign-in, buckets and the account role, kept on delete and update but not after a failed first creation', () => {
    const retained = Object.entries(
      synth.template.toJSON().Resources as Record<string, { DeletionPolicy?: string; UpdateReplacePolicy?: string }>,
    )
      .filter(([, r]) => r.DeletionPolicy && r.DeletionPolicy !== 'Delete')
      .map(([id, r]) => {
        expect(r.DeletionPolicy, id).toBe('RetainExceptOnCreate');
        expect(r.UpdateReplacePolicy, id).toBe('Retain');
        return id;
      });
    expect(retained.sort()).toEqual(RETAINED.map(([path]) => logicalIdOf(synth.stack, path)).sort());
  });

  it('are all listed in the tear-down section of docs/deploy.md', () => {
    const page = readFileSync(join(PROJECT_ROOT, 'docs/deploy.md'), 'utf8');
    const start = page.indexOf('**Tear down');
    expect(start).toBeGreaterThan(0);
    const end = page.indexOf('\n## ', start);
    const section = page.slice(start, end < 0 ? undefined : end).replace(/\s+/g, ' ');
    for (const [, name] of RETAINED) expect(section, name).toContain(name);
  });
});

describe('alarms', () => {
  it('watch the API 5xx rate, every function, every table, every stream consumer and the queue age, and notify the alarm topic', () => {
    const alarms = Object.entries(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm'));
    const topic = logicalIdOf(synth.stack, 'Notifications/Alarms');
    const expected = 1 + 2 * serviceFunctionNames().length + 2 * 2 + 2 * DEPLOYED_CONSUMERS.length + 1;
    expect(alarms).toHaveLength(expected);
    for (const [id, alarm] of alarms) expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topic }]);
    const ids = alarms.map(([id]) => id).join(' ');
    for (const part of [
      'Api5xxRate',
      'CommentsTableThrottles',
      'PrivateTableSystemErrors',
      'SubmitCommentErrors',
      'ListCommentsThrottles',
      'QueueAgeErrors',
      'QueueAgeAlarm',
    ])
      expect(ids).toContain(part);
  });

  it("may be published by CloudWatch, for this account's alarms only, beside the TLS-only rule", () => {
    const topic = logicalIdOf(synth.stack, 'Notifications/Alarms');
    const policies = Object.values(resourcesOf(synth.template, 'AWS::SNS::TopicPolicy')).filter((p) =>
      p.Properties.Topics.some((t: unknown) => referencedId(t) === topic),
    );
    expect(policies).toHaveLength(1);
    const statements: any[] = policies[0]!.Properties.PolicyDocument.Statement;
    expect(statements.some((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition).includes('aws:SecureTransport'))).toBe(true);
    const allow = statements.filter((s) => s.Effect === 'Allow');
    expect(allow).toHaveLength(1);
    expect(allow[0]).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: { Ref: topic },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    const alarmIds = Object.keys(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm'));
    expect(allow[0].Condition.ArnLike['aws:SourceArn'].map(referencedId).sort()).toEqual(alarmIds.sort());
  });

  it("watch the API by the stack's name, which is the REST API's name", () => {
    const api = Object.values(resourcesOf(synth.template, 'AWS::ApiGateway::RestApi'))[0]!.Properties;
    expect(api.Name).toBe(synth.stack.stackName);
    const alarm = resourcesOf(synth.template, 'AWS::CloudWatch::Alarm')[logicalIdOf(synth.stack, 'Alarms/Api5xxRate')]!.Properties;
    const dimensions = alarm.Metrics.flatMap((m: any) => m.MetricStat?.Metric.Dimensions ?? []);
    expect(dimensions.length).toBeGreaterThan(0);
    for (const d of dimensions) expect(d).toEqual({ Name: 'ApiName', Value: synth.stack.stackName });
  });

  it('email the moderators given in context through an encrypted, TLS-only topic', () => {
    const { template } = synthesize({}, { moderatorEmails: 'mod@example.com' });
    const subscriptions = Object.values(resourcesOf(template, 'AWS::SNS::Subscription'));
    expect(subscriptions.length).toBeGreaterThanOrEqual(1);
    for (const s of subscriptions) expect(s.Properties).toMatchObject({ Protocol: 'email', Endpoint: 'mod@example.com' });
    for (const topic of Object.values(resourcesOf(template, 'AWS::SNS::Topic'))) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    expect(JSON.stringify(resourcesOf(template, 'AWS::SNS::TopicPolicy'))).toContain('"aws:SecureTransport":"false"');
  });
});

describe('outputs', () => {
  it('name the API URL, the user pool and client, the hosted UI and the console', () => {
    const outputs = Object.keys(synth.template.toJSON().Outputs);
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'HostedUiDomain', 'ConsoleUrl', 'SiteUrl'])
      expect(outputs).toContain(name);
  });
});

describe('index rewrite (CloudFront Function)', () => {
  type Result = { uri?: string; statusCode?: number; headers?: { location: { value: string } } };
  const run = (uri: string): Result => {
    const handler = new Function(`${INDEX_REWRITE_CODE}; return handler;`)() as (event: unknown) => Result;
    return handler({ request: { uri, method: 'GET', querystring: {}, headers: {} } });
  };

  it('serves folders by their index.html and redirects a folder without its slash', () => {
    expect(run('/admin/').uri).toBe('/admin/index.html');
    expect(run('/').uri).toBe('/index.html');
    expect(run('/admin')).toMatchObject({ statusCode: 301, headers: { location: { value: '/admin/' } } });
    expect(run('/assets/admin.js').uri).toBe('/assets/admin.js');
    expect(run('/config.json').uri).toBe('/config.json');
  });

  it('is attached to every viewer request', () => {
    const behavior = Object.values(resourcesOf(synth.template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig
      .DefaultCacheBehavior;
    expect(behavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalIdOf(synth.stack, 'Web/IndexRewrite'), 'FunctionARN'] } },
    ]);
  });
});

describe('config.json', () => {
  it('has the shape the console reads', () => {
    expectTypeOf<WebConfig>().toExtend<ConsoleConfig>();
  });
});
