/**
 * One Lambda function of the service with the defaults every function
 * shares: newest Node runtime, arm64, its own log group with retention (no
 * deprecated `logRetention` custom resource), X-Ray, source maps, the
 * esbuild options from lib/bundling.ts, and its own role that starts empty:
 * callers add exactly the statements the function needs.
 */
import { basename, join, resolve } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ESBUILD_OPTIONS } from '../bundling';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/**
 * cdk-nag's L1 rule wants the newest runtime the installed aws-cdk-lib
 * knows; aws-cdk-lib is pinned, so bump this together with it.
 */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

export const SERVICE_NAME = 'comments';
export const METRICS_NAMESPACE = 'CommentModeration';

export interface ServiceFunctionProps {
  /** Handler module relative to the project root; it exports `handler`. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  memoryMb: number;
  timeoutSeconds: number;
  logRetention: RetentionDays;
  reservedConcurrency?: number;
  /** Packages left out of this function's bundle (lib/bundling.ts, externalModulesFor: by its access list). */
  externalModules?: string[];
  /** Files (relative to the project root) copied beside the bundle's index.js (lib/bundling.ts, filesBesideBundle). */
  filesBesideBundle?: string[];
  /** Other actions that need Resource "*", with why (appended to the nag acknowledgement). */
  wildcardResourceUses?: string[];
}

export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** Absolute path of the handler module. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.entry = resolve(PROJECT_ROOT, props.entry);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An explicit role instead of AWSLambdaBasicExecutionRole: it may write only to its own log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${id} function of the comment service`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: this.entry,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: resolve(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: Duration.seconds(props.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
      bundling: {
        minify: ESBUILD_OPTIONS.minify,
        sourceMap: ESBUILD_OPTIONS.sourcemap,
        sourcesContent: ESBUILD_OPTIONS.sourcesContent,
        target: ESBUILD_OPTIONS.target,
        format: ESBUILD_OPTIONS.format === 'cjs' ? OutputFormat.CJS : OutputFormat.ESM,
        mainFields: [...ESBUILD_OPTIONS.mainFields],
        // Bundle the AWS SDK too: the tested version from package-lock.json deploys (lib/bundling.ts names the exceptions).
        externalModules: [...ESBUILD_OPTIONS.external, ...(props.externalModules ?? [])],
        bundleAwsSDK: true,
        ...(props.filesBesideBundle?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                // Node rather than cp, so the copy works wherever synth runs.
                afterBundling: (inputDir: string, outputDir: string) =>
                  props.filesBesideBundle!.map(
                    (file) =>
                      `node -e "require('fs').copyFileSync(process.argv[1], process.argv[2])" "${join(inputDir, file)}" "${join(outputDir, basename(file))}"`,
                  ),
              },
            }
          : {}),
      },
    });

    const wildcardUses = [
      'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing): X-Ray has no resource-level permissions',
      ...(props.wildcardResourceUses ?? []),
    ];
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `Resource "*" only for ${wildcardUses.join('; ')}.`,
    });
  }

  addToRolePolicy(...statements: PolicyStatement[]): void {
    for (const statement of statements) this.function.addToRolePolicy(statement);
  }
}
