/** The read cache in the synthesized template: CloudFront in front of the public reads, keyed as the contract says, purged by the stream. */
import { beforeAll, describe, expect, it } from 'vitest';
import { asArray, logicalIdOf, referencedId, resourcesOf, statementsOf, synthesize, type CfnResource, type Synthesized } from './support';

let synth: Synthesized;
let distribution: CfnResource['Properties'];
let cachePolicies: Record<string, CfnResource>;
let functions: Record<string, CfnResource>;

beforeAll(() => {
  synth = synthesize();
  distribution =
    synth.template.findResources('AWS::CloudFront::Distribution')[logicalIdOf(synth.stack, 'ReadCache/Cdn')]!.Properties.DistributionConfig;
  cachePolicies = resourcesOf(synth.template, 'AWS::CloudFront::CachePolicy');
  functions = resourcesOf(synth.template, 'AWS::Lambda::Function');
});

const policyOf = (behaviour: { CachePolicyId: unknown }) =>
  cachePolicies[referencedId(behaviour.CachePolicyId)!]!.Properties.CachePolicyConfig;
const behaviourFor = (pattern: string) => distribution.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === pattern);
const environmentOf = (name: string) => functions[logicalIdOf(synth.stack, `${name}/Function`)]!.Properties.Environment.Variables;

describe('the read cache', () => {
  it("fronts the API stage with Origin Shield in the region nearest the stack's, chosen at deploy, over HTTPS only", () => {
    const [origin] = distribution.Origins;
    expect(distribution.Origins).toHaveLength(1);
    expect(JSON.stringify(origin.DomainName)).toContain(logicalIdOf(synth.stack, 'Http/Api'));
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.');
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(origin.OriginShield).toEqual({
      Enabled: true,
      OriginShieldRegion: { 'Fn::FindInMap': ['OriginShieldByRegion', { Ref: 'AWS::Region' }, 'shield'] },
    });
  });

  it('keys the comment lists on the path, limit and cursor only, and the counts on articles only: no headers, no cookies', () => {
    const lists = behaviourFor('/api/articles/*/comments');
    const counts = behaviourFor('/api/counts');
    expect(lists && counts).toBeTruthy();
    expect(policyOf(lists).ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['limit', 'cursor'] },
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
    });
    expect(policyOf(counts).ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig).toEqual({
      QueryStringBehavior: 'whitelist',
      QueryStrings: ['articles'],
    });
    // The function's Cache-Control decides the lifetime; nothing without one is kept.
    expect(policyOf(lists)).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    expect(distribution.OriginRequestPolicyId ?? lists.OriginRequestPolicyId).toBeUndefined();
  });

  it('lets only GET, HEAD and OPTIONS through: posts go straight to the API with the reader’s own address', () => {
    for (const behaviour of distribution.CacheBehaviors) expect(behaviour.AllowedMethods.sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(distribution.DefaultCacheBehavior.AllowedMethods.sort()).toEqual(['GET', 'HEAD']);
  });

  it('keeps the WAF web ACL on the API stage behind it', () => {
    const associations = Object.values(resourcesOf(synth.template, 'AWS::WAFv2::WebACLAssociation'));
    expect(associations).toHaveLength(1);
    expect(JSON.stringify(associations[0]!.Properties.ResourceArn)).toContain(logicalIdOf(synth.stack, 'Http/Api'));
  });

  it('gives the cached routes their lifetimes from the deploy-time settings', () => {
    for (const name of ['ListComments', 'CountComments'])
      expect(environmentOf(name)).toMatchObject({ EDGE_CACHE_SECONDS: '10', EDGE_STALE_SECONDS: '20' });
    expect(environmentOf('SubmitComment').EDGE_CACHE_SECONDS).toBeUndefined();
    const tuned = synthesize({}, { edgeCacheSeconds: 30, edgeStaleSeconds: 60, originShieldRegion: 'eu-central-1' });
    const fn = resourcesOf(tuned.template, 'AWS::Lambda::Function')[logicalIdOf(tuned.stack, 'ListComments/Function')]!;
    expect(fn.Properties.Environment.Variables).toMatchObject({ EDGE_CACHE_SECONDS: '30', EDGE_STALE_SECONDS: '60' });
    expect(JSON.stringify(tuned.template.toJSON())).toContain('"OriginShieldRegion":"eu-central-1"');
  });

  it('is purged by the stream dispatcher, which may invalidate this distribution and nothing else', () => {
    const env = environmentOf('StreamDispatcher');
    expect(referencedId(env.EDGE_DISTRIBUTION_ID)).toBe(logicalIdOf(synth.stack, 'ReadCache/Cdn'));
    expect(env.EDGE_API_PREFIX).toBe('/api');
    const role = logicalIdOf(synth.stack, 'StreamDispatcher/Role');
    const policy = Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy')).find((p) =>
      p.Properties.Roles.some((r: unknown) => referencedId(r) === role),
    )!;
    const invalidations = statementsOf(policy).filter((s) => asArray(s.Action).includes('cloudfront:CreateInvalidation'));
    expect(invalidations).toHaveLength(1);
    expect(JSON.stringify(invalidations[0]!.Resource)).toContain(logicalIdOf(synth.stack, 'ReadCache/Cdn'));
    expect(JSON.stringify(invalidations[0]!.Resource)).toContain(':distribution/');
    const sources = Object.values(resourcesOf(synth.template, 'AWS::Lambda::EventSourceMapping')).filter(
      (m) => referencedId(m.Properties.FunctionName) === logicalIdOf(synth.stack, 'StreamDispatcher/Function'),
    );
    expect(sources).toHaveLength(1);
    expect(JSON.stringify(sources[0]!.Properties.EventSourceArn)).toContain('StreamArn');
  });

  it('answers 404 at the edge for any other path: the default behaviour never reaches the API', () => {
    const { DefaultCacheBehavior } = distribution;
    expect(DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    const [association] = DefaultCacheBehavior.FunctionAssociations;
    expect(association.EventType).toBe('viewer-request');
    const fn = resourcesOf(synth.template, 'AWS::CloudFront::Function')[referencedId(association.FunctionARN)!]!;
    expect(fn.Properties.FunctionCode).toContain('statusCode: 404');
    expect(distribution.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern).sort()).toEqual([
      '/api/articles/*/comments',
      '/api/counts',
    ]);
  });

  it('writes access logs to the log bucket, except in the opt-in regions CloudFront cannot deliver to', () => {
    const [condition, whenUnsupported, otherwise] = distribution.Logging['Fn::If'];
    expect(condition).toBe(logicalIdOf(synth.stack, 'Web/CloudFrontLogsUnsupported'));
    expect(whenUnsupported).toEqual({ Ref: 'AWS::NoValue' });
    expect(otherwise.Prefix).toBe('read-cache/');
    expect(JSON.stringify(otherwise.Bucket)).toContain(logicalIdOf(synth.stack, 'Web/AccessLogs'));
  });

  it('names the read URL in the outputs', () => {
    expect(Object.keys(synth.template.findOutputs('ReadUrl'))).toEqual(['ReadUrl']);
  });
});
