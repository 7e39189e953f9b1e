/**
 * The REST API, built from the shared route table: one resource path and
 * one Lambda proxy method per route, a Cognito authorizer on moderator
 * routes, request validation, CORS limited to known origins, throttling,
 * JSON access logs, execution logs (errors only), X-Ray, and gateway error
 * responses in the contract's error shape.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type Model,
  type RequestValidator,
  type Resource,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CORS_ALLOW_HEADERS } from '../../lambda/http/cors';
import type { Route } from '../../lambda/routes';
import type { StackConfig } from '../config';
import { GATEWAY_ERROR_RESPONSES, responseHeaders, responseTemplate } from '../gateway-responses';
import { REQUEST_MODELS, type RequestModelName, requestModelSchema } from '../request-models';
import type { ServiceFunction } from './service-function';

/** Headers a browser may send cross-origin (preflight): the list the functions and the local gateway use too. */
export { CORS_ALLOW_HEADERS } from '../../lambda/http/cors';

export interface CommentsApiProps {
  routes: readonly Route[];
  functions: ReadonlyMap<string, ServiceFunction>;
  config: StackConfig;
  /** May call the public routes from a browser: the article sites and the hosted demo page. */
  publicOrigins: string[];
  /** May call the moderator routes from a browser: the hosted console only. */
  consoleOrigins: string[];
  userPool: IUserPool;
}

const PUBLIC_ROUTE_REASON =
  "Public comment routes are anonymous by design: readers post and read comments without an account. WAF, stage throttling and the handlers' flood and duplicate checks protect them.";

export class CommentsApi extends Construct {
  readonly api: RestApi;

  constructor(scope: Construct, id: string, props: CommentsApiProps) {
    super(scope, id);
    const { config } = props;

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: config.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.api = new RestApi(this, 'Api', {
      // The 5xx alarm selects the API by name: the stack's name keeps other APIs of the account out of it.
      restApiName: Stack.of(this).stackName,
      description: 'Comment moderation service',
      endpointTypes: [EndpointType.REGIONAL],
      // Execution logging needs API Gateway's account-level CloudWatch role; kept on teardown because it is account-wide.
      cloudWatchRole: config.apiGatewayCloudWatchRole,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      deployOptions: {
        stageName: config.stageName,
        tracingEnabled: true,
        throttlingRateLimit: config.throttlingRateLimit,
        throttlingBurstLimit: config.throttlingBurstLimit,
        // Errors only, and never request/response bodies: those hold emails.
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: false,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
      },
    });

    // API Gateway writes execution logs to a group it would create itself, outside the stack and kept forever.
    // Declared here first (the stage waits for it), it has the stack's retention and goes with `cdk destroy`.
    const executionLogs = new LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${config.stageName}`,
      retention: config.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api.deploymentStage.node.addDependency(executionLogs);

    if (this.api.node.tryFindChild('CloudWatchRole')) {
      Validations.of(this.api.node.findChild('CloudWatchRole')).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'The account-level role API Gateway needs to write execution logs (APIG6). AWS maintains this policy for exactly that purpose; set context apiGatewayCloudWatchRole=false if the account already has the role.',
      });
    }

    const bodyValidator = this.api.addRequestValidator('BodyAndParameters', { validateRequestBody: true, validateRequestParameters: true });
    const parameterValidator = this.api.addRequestValidator('Parameters', { validateRequestBody: false, validateRequestParameters: true });
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'ModeratorAuthorizer', {
      cognitoUserPools: [props.userPool],
      identitySource: 'method.request.header.Authorization',
      resultsCacheTtl: Duration.minutes(5),
    });
    const models = new Map<RequestModelName, Model>();
    const modelFor = (name: RequestModelName) => {
      let model = models.get(name);
      if (!model) {
        model = this.api.addModel(`${name}Model`, {
          contentType: 'application/json',
          description: REQUEST_MODELS[name].description,
          schema: requestModelSchema(name),
        });
        models.set(name, model);
      }
      return model;
    };

    for (const route of props.routes) {
      const fn = props.functions.get(route.name);
      if (!fn) throw new Error(`no function for route ${route.name}`);
      const resource = this.api.root.resourceForPath(route.path);
      const validator: RequestValidator = route.bodyModel ? bodyValidator : parameterValidator;
      const moderator = route.auth === 'moderator';
      const method = resource.addMethod(route.method, new LambdaIntegration(fn.function, { proxy: true, allowTestInvoke: false }), {
        operationName: route.name,
        authorizationType: moderator ? AuthorizationType.COGNITO : AuthorizationType.NONE,
        authorizer: moderator ? authorizer : undefined,
        requestValidator: validator,
        // JSON only: form-urlencoded posts have no model, so API Gateway passes them through unvalidated.
        requestModels: route.bodyModel ? { 'application/json': modelFor(route.bodyModel) } : undefined,
        requestParameters: Object.fromEntries(pathParameters(route.path).map((p) => [`method.request.path.${p}`, true])),
      });
      if (!moderator) {
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason: PUBLIC_ROUTE_REASON });
        Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason: PUBLIC_ROUTE_REASON });
      }
    }

    this.addPreflights(props);
    for (const response of GATEWAY_ERROR_RESPONSES) {
      this.api.addGatewayResponse(`Gateway${response.type}`, {
        type: ResponseType.of(response.type),
        statusCode: response.status === undefined ? undefined : String(response.status),
        responseHeaders: responseHeaders(response),
        templates: { 'application/json': responseTemplate(response) },
      });
    }
  }

  /** The stage URL, ending in "/". */
  get url(): string {
    return this.api.url;
  }

  /**
   * One preflight per route path. Paths of moderator routes admit only the
   * console's origin; public paths the article sites' origins too.
   */
  private addPreflights(props: CommentsApiProps): void {
    const byPath = new Map<string, Route[]>();
    for (const route of props.routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
    for (const [path, routes] of byPath) {
      const resource: Resource = this.api.root.resourceForPath(path);
      const allPublic = routes.every((r) => r.auth === 'public');
      resource.addCorsPreflight({
        allowOrigins: allPublic ? props.publicOrigins : props.consoleOrigins,
        allowHeaders: [...CORS_ALLOW_HEADERS],
        allowMethods: [...new Set(routes.map((r) => r.method)), 'OPTIONS'],
        allowCredentials: false,
        maxAge: Duration.minutes(10),
      });
    }
  }
}

export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]!);
}

/**
 * JSON access log: who called what, the outcome, and which kind of refusal
 * it was. Free-text fields (user agent, error message) are left out: they
 * may contain quotes and break the JSON line.
 */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: AccessLogField.contextRequestId(),
      requestTime: AccessLogField.contextRequestTime(),
      ip: AccessLogField.contextIdentitySourceIp(),
      method: AccessLogField.contextHttpMethod(),
      resourcePath: AccessLogField.contextResourcePath(),
      path: AccessLogField.contextPath(),
      status: AccessLogField.contextStatus(),
      responseLength: AccessLogField.contextResponseLength(),
      responseLatency: AccessLogField.contextResponseLatency(),
      integrationLatency: AccessLogField.contextIntegrationLatency(),
      // The user pool's immutable id of the moderator; `cognito:username` does not resolve in access logs.
      moderator: AccessLogField.contextAuthorizerClaims('sub'),
      errorType: AccessLogField.contextErrorResponseType(),
      wafStatus: AccessLogField.contextWafStatus(),
      xrayTraceId: AccessLogField.contextXrayTraceId(),
    }),
  );
}
