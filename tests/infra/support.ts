/**
 * Builds the stack as `cdk synth` would (cdk.json's context and feature
 * flags) but without esbuild bundling, which infra tests do not need.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CommentServiceStack, type CommentServiceStackProps } from '../../lib/comment-service-stack';
import { PROJECT_ROOT } from '../../lib/constructs/service-function';

export const CDK_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;

export interface Synthesized {
  app: App;
  stack: CommentServiceStack;
  template: Template;
}

/**
 * Stacks built with the project's own props, by context. The infra test files
 * share one worker (vitest.config.mts), so each such stack is built once per
 * run, not once per file. Tests only read a synthesized stack.
 */
const builtByContext = new Map<string, Synthesized>();

export function synthesize(props: CommentServiceStackProps = {}, context: Record<string, unknown> = {}): Synthesized {
  // Props can carry routes and consumers, which a key would not tell apart: those stacks are built each time.
  if (Object.keys(props).length > 0) return build(props, context);
  const key = JSON.stringify(context);
  const built = builtByContext.get(key) ?? build(props, context);
  builtByContext.set(key, built);
  return built;
}

function build(props: CommentServiceStackProps, context: Record<string, unknown>): Synthesized {
  const app = new App({ context: { ...CDK_CONTEXT, ...context, 'aws:cdk:bundling-stacks': [] } });
  const stack = new CommentServiceStack(app, 'TestStack', props);
  return { app, stack, template: Template.fromStack(stack) };
}

// CloudFormation JSON is untyped.
export type CfnResource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

/** CloudFormation resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/** The logical id a `{ Ref }` or `{ Fn::GetAtt }` points at, or undefined. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return v.Ref ?? v['Fn::GetAtt']?.[0];
}

/** Logical id of the construct at `path` below the stack (e.g. 'ListComments/Function'). */
export function logicalIdOf(stack: Stack, path: string): string {
  const child = stack.node.findChild(path.split('/')[0]!);
  const target = path
    .split('/')
    .slice(1)
    .reduce((node, id) => node.node.findChild(id), child);
  const resource = (target.node.defaultChild ?? target) as CfnElement;
  return stack.resolve(resource.logicalId) as string;
}

export interface ApiMethod {
  logicalId: string;
  method: string;
  path: string;
  properties: CfnResource['Properties'];
}

/** Every API Gateway method with its full resource path, rebuilt from the Resource parent chain. */
export function apiMethods(template: Template): ApiMethod[] {
  const resources = resourcesOf(template, 'AWS::ApiGateway::Resource');
  const pathOf = (parent: unknown): string => {
    const id = referencedId(parent);
    const resource = id ? resources[id] : undefined;
    if (!resource) return ''; // the API's root resource
    return `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
  };
  return Object.entries(resourcesOf(template, 'AWS::ApiGateway::Method')).map(([logicalId, r]) => ({
    logicalId,
    method: r.Properties.HttpMethod,
    path: pathOf(r.Properties.ResourceId) || '/',
    properties: r.Properties,
  }));
}

/** The Lambda function a proxy method invokes. */
export function integratedFunction(method: ApiMethod, template: Template): string {
  const functions = new Set(Object.keys(resourcesOf(template, 'AWS::Lambda::Function')));
  const ids = [...JSON.stringify(method.properties.Integration?.Uri ?? {}).matchAll(/"Fn::GetAtt":\["([^"]+)","Arn"\]/g)].map((m) => m[1]!);
  const fn = ids.find((id) => functions.has(id));
  if (!fn) throw new Error(`${method.method} ${method.path} does not invoke a Lambda function`);
  return fn;
}

/** All IAM statements of one policy resource. */
export function statementsOf(
  policy: CfnResource,
): Array<{ Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown }> {
  return policy.Properties.PolicyDocument.Statement;
}

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
