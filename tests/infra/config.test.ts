/** Context settings: cdk.json defaults, and `-c key=value` strings from the command line. */
import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, readConfig } from '../../lib/config';
import { CDK_CONTEXT } from './support';

const configOf = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('stack configuration', () => {
  it('cdk.json carries every setting with the documented defaults', () => {
    expect(configOf(CDK_CONTEXT)).toEqual(DEFAULT_CONFIG);
    expect(configOf({})).toEqual(DEFAULT_CONFIG);
  });

  it('cdk.json carries the cdk init feature flags (the tests build the app with them too)', () => {
    expect(CDK_CONTEXT).toMatchObject({
      '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion': true,
      '@aws-cdk/aws-apigateway:disableCloudWatchRole': true,
      '@aws-cdk/aws-iam:minimizePolicies': true,
      '@aws-cdk/core:validateSnapshotRemovalPolicy': true,
    });
  });

  it('reads command-line strings: lists, numbers, booleans', () => {
    const config = configOf({
      allowedOrigins: 'https://a.example, https://b.example:8443',
      moderatorEmails: 'mod1@example.com,mod2@example.com',
      throttlingRateLimit: '20',
      logRetentionDays: '90',
      publicReservedConcurrency: '25',
      apiGatewayCloudWatchRole: 'false',
      authDomainPrefix: 'news-comments',
      edgeCacheSeconds: '0',
      edgeStaleSeconds: '60',
      originShieldRegion: 'eu-central-1',
    });
    expect(config).toMatchObject({
      edgeCacheSeconds: 0,
      edgeStaleSeconds: 60,
      originShieldRegion: 'eu-central-1',
      allowedOrigins: ['https://a.example', 'https://b.example:8443'],
      moderatorEmails: ['mod1@example.com', 'mod2@example.com'],
      throttlingRateLimit: 20,
      logRetention: RetentionDays.THREE_MONTHS,
      publicReservedConcurrency: 25,
      apiGatewayCloudWatchRole: false,
      authDomainPrefix: 'news-comments',
    });
  });

  it('refuses settings that would deploy something unsafe or invalid', () => {
    expect(() => configOf({ allowedOrigins: '*' })).toThrow(/never "\*"/);
    expect(() => configOf({ allowedOrigins: 'https://news.example.com/articles' })).toThrow(/no path/);
    expect(() => configOf({ logRetentionDays: '10' })).toThrow(/logRetentionDays/);
    expect(() => configOf({ throttlingBurstLimit: '-1' })).toThrow(/throttlingBurstLimit/);
    expect(() => configOf({ stageName: 'a/b' })).toThrow(/stageName/);
    expect(() => configOf({ commentPostsPerIpPer5Minutes: '5' })).toThrow(/at least 10/);
    expect(() => configOf({ edgeCacheSeconds: '2.5' })).toThrow(/edgeCacheSeconds/);
    expect(() => configOf({ edgeStaleSeconds: '-1' })).toThrow(/edgeStaleSeconds/);
  });
});
