/**
 * The stack's templates as `cdk synth` writes them (cdk.json's context and
 * feature flags), without bundling the functions: for the template linter
 * and the benchmark's resource count, which read only the template.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { CommentServiceStack } from '../lib/comment-service-stack';
import { PROJECT_ROOT } from '../lib/constructs/service-function';

/** Every optional part on: all classifier providers and reply mail. */
export const EVERY_OPTION: Record<string, string> = {
  classifiers: 'builtin,akismet,comprehend,guardrails',
  mailFrom: 'comments@news.example.com',
};

/**
 * What is linted: the default, every option (Comprehend's rule keeps it to Comprehend's regions), and every option but
 * Comprehend, so the mail and guardrail parts are linted in every region their rules allow.
 */
export const TEMPLATE_VARIANTS = {
  default: {},
  'every-option': EVERY_OPTION,
  'every-option-but-comprehend': { ...EVERY_OPTION, classifiers: 'builtin,akismet,guardrails' },
} as const;
export type TemplateVariant = keyof typeof TEMPLATE_VARIANTS;

export interface CfnTemplate {
  Resources: Record<string, { Type: string }>;
  [section: string]: unknown;
}

export function synthesizeTemplate(variant: TemplateVariant): CfnTemplate {
  const cdkContext = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
  const app = new App({ context: { ...cdkContext, ...TEMPLATE_VARIANTS[variant], 'aws:cdk:bundling-stacks': [] } });
  const stack = new CommentServiceStack(app, 'CommentModeration');
  return app.synth().getStackByName(stack.stackName).template as CfnTemplate;
}

/** CloudFormation's limit is 500 resources per stack; past this the stack must be split before it bites. */
export const RESOURCE_BUDGET = 400;

export const resourceCount = (template: CfnTemplate): number => Object.keys(template.Resources).length;
