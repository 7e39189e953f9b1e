/**
 * Hosts the browser assets (the demo article page and the moderators'
 * console): a private S3 bucket behind CloudFront with origin access
 * control, HTTPS only, security headers and a CSP that lets scripts talk
 * only to this site, the API and Cognito.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Aws,
  CfnCondition,
  DefaultStackSynthesizer,
  Duration,
  Fn,
  IgnoreMode,
  Lazy,
  Names,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import {
  type CfnDistribution,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type DemoPageValues, fillDemoPage } from '../demo-page';

/**
 * Regions whose S3 buckets CloudFront standard logging (legacy) does not
 * deliver to: the opt-in regions. There the distribution writes no access
 * logs (standard logging v2 is configured through us-east-1 only, which a
 * stack in another region cannot do); everywhere else it logs to the bucket.
 */
export const REGIONS_WITHOUT_CLOUDFRONT_LOGS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
];

/** What the console reads from /config.json (web/admin/config.ts, ConsoleConfig) to find the API and sign in. */
export interface WebConfig {
  apiUrl: string;
  region: string;
  /** Hosted UI base URL, e.g. https://comment-moderation-1a2b3c4d.auth.eu-west-1.amazoncognito.com */
  cognitoDomain: string;
  /** The console's app client id. */
  clientId: string;
  userPoolId: string;
  /** Where the hosted UI returns after sign-in (a registered callback URL). */
  redirectUri: string;
}

/**
 * Viewer-request function: folders are served by their index.html, and a
 * folder path without its trailing slash is redirected to it (so /admin
 * becomes /admin/ and its relative links resolve). S3 behind origin access
 * control has no website index documents of its own.
 */
export const INDEX_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
    return request;
  }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: uri + '/' } } };
  }
  return request;
}`;

export interface WebHostingProps {
  /** How long to keep CloudFront, S3 and deployment logs. */
  logRetention: RetentionDays;
}

export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** CloudFront and S3 access logs (the read cache's too). */
  readonly logBucket: Bucket;
  private logsUnsupported: CfnCondition | undefined;
  /** Origins the pages may connect to besides their own (filled in once the API and Cognito exist). */
  private readonly connectOrigins: string[] = [];
  private readonly formTargets: string[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: WebHostingProps,
  ) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(props.logRetention) }],
      // Kept on teardown and update, but removed when the very first creation rolls back.
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the access-log destination of the site bucket and the CloudFront distribution; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      // Rebuildable from the repository, but kept so a teardown never breaks a live page unexpectedly.
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    const csp = Lazy.string({ produce: () => contentSecurityPolicy(this.connectOrigins, this.formTargets) });
    // Both names are unique per account, not per region: the region keeps a second deployment elsewhere apart.
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: regionalName(this, 'SecurityHeaders', 128),
      comment: 'Comment service pages: strict CSP and security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Cdn', {
      comment: "Comment service: demo article page and moderators' console",
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessControl: new S3OriginAccessControl(this, 'OriginAccess', {
            originAccessControlName: regionalName(this, 'OriginAccess', 64),
          }),
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        responseHeadersPolicy: headers,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'IndexRewrite', {
              comment: 'Serve folder/index.html; redirect folder to folder/',
              code: FunctionCode.fromInline(INDEX_REWRITE_CODE),
              runtime: FunctionRuntime.JS_2_0,
            }),
          },
        ],
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    this.logBucket = logs;
    this.skipLoggingWhereUnsupported(this.distribution, 'cloudfront/');
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Comment readers and moderators are worldwide; there is no country to block.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves static files only; the API that accepts input has its own WAF web ACL. A CloudFront web ACL must live in us-east-1, which this region-agnostic stack cannot assume.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; a custom domain with an ACM certificate (TLSv1.2_2021) is the upgrade path, documented in docs/infrastructure.md.',
    });
  }

  /**
   * CloudFront cannot write standard logs to a bucket in an opt-in region: leave logging out there. Also used for the
   * read cache, whose logs go to the same bucket under their own prefix.
   */
  skipLoggingWhereUnsupported(distribution: Distribution, prefix: string): void {
    this.logsUnsupported ??= (() => {
      const regions = REGIONS_WITHOUT_CLOUDFRONT_LOGS.map((region) => Fn.conditionEquals(Aws.REGION, region));
      // Fn::Or takes at most 10 conditions.
      const groups = [];
      for (let i = 0; i < regions.length; i += 10) groups.push(Fn.conditionOr(...regions.slice(i, i + 10)));
      return new CfnCondition(this, 'CloudFrontLogsUnsupported', {
        expression: groups.length === 1 ? groups[0] : Fn.conditionOr(...groups),
      });
    })();
    const logging = { Bucket: this.logBucket.bucketRegionalDomainName, Prefix: prefix };
    (distribution.node.defaultChild as CfnDistribution).addPropertyOverride(
      'DistributionConfig.Logging',
      Fn.conditionIf(this.logsUnsupported.logicalId, Aws.NO_VALUE, logging),
    );
  }

  /** https://<distribution>.cloudfront.net */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** Lets page scripts call `origin` (fetch/XHR); `acceptsForms` also lets plain HTML forms post there. */
  allowConnectionsTo(origin: string, options: { acceptsForms?: boolean } = {}): void {
    this.connectOrigins.push(origin);
    if (options.acceptsForms) this.formTargets.push(origin);
  }

  /**
   * Uploads the built assets plus a generated config.json. The demo article
   * page (index.html) is uploaded with the API URL and the site's address
   * filled in. Without built assets a placeholder page is deployed, so synth
   * never depends on the web build. Two uploads, for two Cache-Control
   * headers (ASSET_CACHE_CONTROL); each leaves the other's files alone.
   */
  deployAssets(assetsDir: string | undefined, config: WebConfig, page: DemoPageValues): BucketDeployment {
    const demoPage = assetsDir ? join(assetsDir, 'index.html') : undefined;
    const logGroup = new LogGroup(this, 'DeployLogs', { retention: this.props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const scripts = assetsDir
      ? new BucketDeployment(this, 'DeployScripts', {
          sources: [Source.asset(assetsDir, { exclude: ['/index.html'], ignoreMode: IgnoreMode.GIT })],
          destinationBucket: this.bucket,
          // Pruning would delete the pages the other upload owns.
          exclude: REVALIDATED_FILES,
          cacheControl: [CacheControl.fromString(ASSET_CACHE_CONTROL.scripts)],
          memoryLimit: 256,
          logGroup,
        })
      : undefined;
    const sources: ISource[] = [
      assetsDir
        ? Source.asset(assetsDir, { exclude: ['/index.html'], ignoreMode: IgnoreMode.GIT })
        : Source.data('index.html', PLACEHOLDER_PAGE),
      ...(demoPage && existsSync(demoPage) ? [Source.data('index.html', fillDemoPage(readFileSync(demoPage, 'utf8'), page))] : []),
      Source.jsonData('config.json', config),
    ];
    const pages = new BucketDeployment(this, 'Deploy', {
      sources,
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: REVALIDATED_FILES,
      cacheControl: [CacheControl.fromString(ASSET_CACHE_CONTROL.pages)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
      logGroup,
    });
    // One invalidation, after both uploads.
    if (scripts) pages.node.addDependency(scripts);
    acknowledgeDeploymentHandler(this, this.bucket);
    return pages;
  }
}

/** Files that name no version and must be fresh at once: the pages and the deploy-time settings (sync filters: `*` spans folders). */
const REVALIDATED_FILES = ['*.html', 'config.json'];

/**
 * Browsers' caching of the site's files. Pages and config.json are revalidated on every load (ETag), so a deploy is
 * seen at once. Scripts and styles keep fixed names, embedded by the news site's pages, so they may be reused for five
 * minutes only: after an upgrade that changes the API, an old script stops running within minutes, not at the whim of
 * heuristic caching.
 */
export const ASSET_CACHE_CONTROL = {
  pages: 'no-cache',
  scripts: 'public, max-age=300',
} as const;

/** A physical name CDK derives from the construct path, plus the region (CloudFront names are account-wide). */
function regionalName(scope: Construct, id: string, maxLength: number): string {
  const longestRegion = 'ap-southeast-7'.length;
  const base = Names.uniqueResourceName(scope, { maxLength: maxLength - id.length - longestRegion - 2, separator: '-' });
  return Fn.join('-', [base, id, Aws.REGION]);
}

export const PLACEHOLDER_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Comment service</title>' +
  '<p>The web assets were not built when this stack was synthesised. Run <code>npm run build:web</code> and deploy again.</p></html>';

/** The CSP of every page: own origin only, plus the named API and sign-in origins. */
export function contentSecurityPolicy(connectOrigins: string[], formTargets: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    `form-action ${["'self'", ...formTargets].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * BucketDeployment runs a CDK-provided Lambda (a singleton per stack) whose
 * role and runtime CDK writes; acknowledge exactly its findings, on it alone.
 */
function acknowledgeDeploymentHandler(scope: Construct, siteBucket: Bucket): void {
  const stack = Stack.of(scope);
  const handlers = stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  const siteBucketId = stack.getLogicalId(siteBucket.node.defaultChild as CfnBucket);
  const qualifier = (stack.synthesizer as DefaultStackSynthesizer).bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const assetBucket = `cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>`;
  const findings: Array<[string, string]> = [
    [
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'the handler writes its own logs; CDK creates this role',
    ],
    ['IAM5[Action::s3:GetBucket*]', 'reads the CDK asset bucket and the site bucket'],
    ['IAM5[Action::s3:GetObject*]', 'reads the uploaded asset zip'],
    ['IAM5[Action::s3:List*]', 'lists both buckets to sync them'],
    ['IAM5[Action::s3:Abort*]', 'aborts failed multipart uploads into the site bucket'],
    ['IAM5[Action::s3:DeleteObject*]', 'removes files from the site bucket that the new build no longer has'],
    [
      `IAM5[Resource::arn:<AWS::Partition>:s3:::${assetBucket}/*]`,
      'the asset objects of this deployment live under the CDK bootstrap asset bucket',
    ],
    [`IAM5[Resource::<${siteBucketId}.Arn>/*]`, 'writes every object of the site bucket (and only that bucket)'],
    [
      'IAM5[Resource::*]',
      'cloudfront:CreateInvalidation/GetInvalidation after an upload; CloudFront invalidations have no resource-level permissions in this policy',
    ],
    ['L1', 'the runtime of the handler is chosen by aws-cdk-lib, not by this project'],
  ];
  for (const handler of handlers) {
    for (const [id, why] of findings) {
      Validations.of(handler).acknowledge({
        id: `AwsSolutions-${id}`,
        reason: `CDK BucketDeployment handler (copies the web assets into the site bucket at deploy time): ${why}.`,
      });
    }
  }
}
