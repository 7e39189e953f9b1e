/**
 * What the stack deploys that is billed per month whether used or not,
 * counted on the synthesized template (no bundling, no AWS account): WAF
 * rules, CloudWatch alarm metrics, KMS keys, Secrets Manager secrets. The
 * cost model prices these counts instead of assuming them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CommentServiceStack } from '../lib/comment-service-stack';

export interface TemplateCounts {
  webAcls: number;
  wafRules: number;
  /** Metrics the alarms watch (a metric-math alarm counts each metric it reads). */
  alarmMetrics: number;
  alarms: number;
  kmsKeys: number;
  secrets: number;
  dashboards: number;
}

type Resource = { Properties: Record<string, any> };

export function countTemplate(): TemplateCounts {
  const root = resolve(__dirname, '..');
  const context = JSON.parse(readFileSync(resolve(root, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const template = Template.fromStack(new CommentServiceStack(app, 'BenchStack'));
  const of = (type: string) => Object.values(template.findResources(type)) as Resource[];
  const webAcls = of('AWS::WAFv2::WebACL');
  const alarms = of('AWS::CloudWatch::Alarm');
  return {
    webAcls: webAcls.length,
    wafRules: webAcls.reduce((n, acl) => n + (acl.Properties.Rules?.length ?? 0), 0),
    alarms: alarms.length,
    alarmMetrics: alarms.reduce(
      (n, alarm) =>
        n +
        (Array.isArray(alarm.Properties.Metrics)
          ? alarm.Properties.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).length
          : 1),
      0,
    ),
    kmsKeys: of('AWS::KMS::Key').length,
    secrets: of('AWS::SecretsManager::Secret').length,
    dashboards: of('AWS::CloudWatch::Dashboard').length,
  };
}
