/**
 * CloudFront in front of the public reads (the routes marked `edge:
 * 'cached'` in lambda/routes.ts): the article lists and the counts. Each
 * behaviour's cache policy is keyed on the path and that route's query
 * parameters only (no cookies, no Authorization, no other headers), and
 * lets the function's Cache-Control drive the lifetime (min TTL 0), so
 * s-maxage, stale-while-revalidate and stale-if-error apply as sent. Origin
 * Shield collapses the edge locations' misses into one regional request:
 * a viral article costs the API about one request per cache key per
 * s-maxage, however many read it.
 *
 * Only GET, HEAD and OPTIONS pass: posts go straight to the API, so the
 * reader's own address reaches flood control and the WAF's per-address rule
 * (through CloudFront every post would come from a CloudFront address). The
 * API keeps its WAF web ACL and stage throttling behind the distribution;
 * a secret origin header tells the WAF which requests are the cache's misses.
 * Any other path answers 404 at the edge, never reaching the API.
 */
import { Aws, Duration, Validations } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as EdgeFunction,
  CacheQueryStringBehavior,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Route } from '../../lambda/routes';

export interface ReadCacheProps {
  api: RestApi;
  /** The API's stage name (a literal, so path patterns are plain strings). */
  stageName: string;
  routes: readonly Route[];
  /** The Origin Shield region (a token when CloudFormation picks it from the stack's region). */
  originShieldRegion: string;
  /** Sent to the API with every miss, so the WAF can tell the cache's requests from direct ones. */
  originHeader: { name: string; value: string };
  /** Where the access logs go (WebHosting's log bucket) ... */
  logBucket: IBucket;
  /** ... and, for the opt-in regions CloudFront cannot deliver to, how logging is left out (WebHosting's condition). */
  enableAccessLogs: (distribution: Distribution) => void;
}

/** The edge's answer to any path that is not a cached read. */
const NOT_FOUND_FUNCTION = `function handler() {
  return { statusCode: 404, statusDescription: 'Not Found', headers: { 'cache-control': { value: 'max-age=300' } } };
}`;

/** A CloudFront path pattern for an API Gateway resource path: `{param}` segments become `*`. */
export const pathPattern = (stage: string, routePath: string) => `/${stage}${routePath.replace(/\{[^}]+\}/g, '*')}`;

export class ReadCache extends Construct {
  readonly distribution: Distribution;
  /** The API stage's path under the distribution, e.g. `/api`. */
  readonly apiPrefix: string;

  constructor(scope: Construct, id: string, props: ReadCacheProps) {
    super(scope, id);
    const stage = props.stageName;
    this.apiPrefix = `/${stage}`;
    const origin = new HttpOrigin(`${props.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originShieldEnabled: true,
      originShieldRegion: props.originShieldRegion,
      customHeaders: { [props.originHeader.name]: props.originHeader.value },
    });

    const cached = props.routes.filter((route) => route.edge === 'cached' && route.method === 'GET');
    if (cached.length === 0) throw new Error('ReadCache: no route is marked edge: cached');
    const behaviours = cached.map((route): [string, BehaviorOptions] => [
      pathPattern(stage, route.path),
      {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        compress: true,
        cachePolicy: new CachePolicy(this, `${route.name}Policy`, {
          comment: `Comment service ${route.name}: path + ${(route.cacheKeyQuery ?? []).join(', ') || 'no query'}; lifetime from Cache-Control`,
          minTtl: Duration.seconds(0),
          // Used only when an answer has no Cache-Control (none of ours): do not cache it.
          defaultTtl: Duration.seconds(0),
          maxTtl: Duration.days(1),
          queryStringBehavior: route.cacheKeyQuery?.length
            ? CacheQueryStringBehavior.allowList(...route.cacheKeyQuery)
            : CacheQueryStringBehavior.none(),
          enableAcceptEncodingGzip: true,
          enableAcceptEncodingBrotli: true,
        }),
      },
    ]);
    const notFound = new EdgeFunction(this, 'NotFound', {
      comment: 'Comment service read cache: any path but the cached reads answers 404',
      code: FunctionCode.fromInline(NOT_FOUND_FUNCTION),
      runtime: FunctionRuntime.JS_2_0,
    });
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Comment service: cached public reads (comment lists and counts)',
      // Every cached route has its own path pattern; the default behaviour answers 404 without asking the API.
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        functionAssociations: [{ function: notFound, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(behaviours),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'read-cache/',
    });
    props.enableAccessLogs(this.distribution);
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Comment readers are worldwide; there is no country to block.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The origin, the REST API stage, has its own WAF web ACL and throttling, which see every request the cache misses; a CloudFront web ACL must live in us-east-1, which this region-agnostic stack cannot assume.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; a custom domain with an ACM certificate (TLSv1.2_2021) is the upgrade path.',
    });
  }

  /** https://<distribution>.cloudfront.net/<stage>: where readers' pages read comments and counts. */
  get readUrl(): string {
    return `https://${this.distribution.distributionDomainName}${this.apiPrefix}`;
  }

  /** Lets the purge function invalidate this distribution's paths, and nothing else. */
  invalidateStatement(): PolicyStatement {
    return new PolicyStatement({
      sid: 'InvalidateCachedReads',
      effect: Effect.ALLOW,
      actions: ['cloudfront:CreateInvalidation'],
      resources: [`arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/${this.distribution.distributionId}`],
    });
  }
}
