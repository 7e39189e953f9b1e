/** Functions, logs, sign-in, hosting, alarms and outputs in the synthesized template. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { STREAM_CONSUMERS, ROUTES } from '../../lambda/routes';
import { INDEX_REWRITE_CODE, type WebConfig } from '../../lib/constructs/web-hosting';
import type { ConsoleConfig } from '../../web/admin/config';
import { logicalIdOf, referencedId, resourcesOf, synthesize, type Synthesized } from './support';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});

const serviceFunctionNames = () => [...ROUTES.map((r) => r.name), ...STREAM_CONSUMERS.map((c) => c.name)];

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

  it('uploads a built web folder when there is one', () => {
    const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>built</title>');
    const { template } = synthesize({ webAssetsDir: dist });
    const deployment = Object.values(resourcesOf(template, 'Custom::CDKBucketDeployment'))[0]!.Properties;
    expect(deployment.SourceObjectKeys).toHaveLength(2);
    expect(JSON.stringify(deployment.SourceObjectKeys)).not.toEqual(
      JSON.stringify(Object.values(resourcesOf(synth.template, 'Custom::CDKBucketDeployment'))[0]!.Properties.SourceObjectKeys),
    );
  });
});

describe('alarms', () => {
  it('watch the API 5xx rate, every function, every table and every stream consumer, and notify the alarm topic', () => {
    const alarms = Object.entries(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm'));
    const topic = logicalIdOf(synth.stack, 'Notifications/Alarms');
    const expected = 1 + 2 * serviceFunctionNames().length + 2 * 2 + 2 * STREAM_CONSUMERS.length;
    expect(alarms).toHaveLength(expected);
    for (const [id, alarm] of alarms) expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topic }]);
    const ids = alarms.map(([id]) => id).join(' ');
    for (const part of ['Api5xxRate', 'CommentsTableThrottles', 'PrivateTableSystemErrors', 'SubmitCommentErrors', 'ListCommentsThrottles'])
      expect(ids).toContain(part);
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
