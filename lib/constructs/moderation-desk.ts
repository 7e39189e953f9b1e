/**
 * The moderation desk's view of the service: the scheduled queue-age reading
 * (an EventBridge rule every few minutes invokes the QueueAge function, whose
 * role may only Query the byStatus index), a CloudWatch dashboard of the
 * moderation metrics the functions emit (EMF, lambda/wiring/observability.ts)
 * and an alarm to the alarm topic when the oldest pending comment has waited
 * longer than `queueAgeAlarmHours`.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { COMMENT_STATUSES } from '../../lambda/domain/comment';
import { MODERATION_ACTIONS, MODERATION_METRIC } from '../../lambda/domain/ports/moderation-metrics';
import type { ScheduledJob } from '../../lambda/background-functions';
import { METRICS_NAMESPACE, SERVICE_NAME, type ServiceFunction } from './service-function';

const FIVE_MINUTES = Duration.minutes(5);
const HOUR = Duration.hours(1);

export interface ModerationDeskProps {
  topic: ITopic;
  queueAgeAlarmHours: number;
  jobs: readonly ScheduledJob[];
  /** Builds a job's function with the service's defaults and its access list. */
  createFunction: (job: ScheduledJob) => ServiceFunction;
}

/** A moderation metric as the functions emit it: the service dimension plus the metric's own. */
export function moderationMetric(name: string, options: { statistic: string; period?: Duration; dimensions?: Record<string, string> }) {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: SERVICE_NAME, ...options.dimensions },
    statistic: options.statistic,
    period: options.period ?? FIVE_MINUTES,
  });
}

export class ModerationDesk extends Construct {
  readonly jobs = new Map<string, ServiceFunction>();
  readonly dashboard: Dashboard;
  readonly queueAgeAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ModerationDeskProps) {
    super(scope, id);

    for (const job of props.jobs) {
      const fn = props.createFunction(job);
      new Rule(this, `${job.name}Schedule`, {
        description: `Runs ${job.name} every ${job.everyMinutes} minutes`,
        schedule: Schedule.rate(Duration.minutes(job.everyMinutes)),
        targets: [new LambdaFunction(fn.function, { retryAttempts: 0 })],
      });
      this.jobs.set(job.name, fn);
    }

    const oldestAge = moderationMetric(MODERATION_METRIC.oldestPendingAge, { statistic: 'Maximum' });
    const thresholdSeconds = Math.round(props.queueAgeAlarmHours * 3600);
    this.queueAgeAlarm = new Alarm(this, 'QueueAgeAlarm', {
      metric: oldestAge,
      threshold: thresholdSeconds,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No reading is not a long wait: the QueueAge function's own error alarm says when it stops.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `The oldest pending comment has waited more than ${props.queueAgeAlarmHours} hours (queueAgeAlarmHours).`,
    });
    this.queueAgeAlarm.addAlarmAction(new SnsAction(props.topic));

    const hours = (metric: Metric, label: string) =>
      new MathExpression({ expression: 'age / 3600', usingMetrics: { age: metric }, label, period: FIVE_MINUTES });
    const sum = (name: string, dimensions?: Record<string, string>, label?: string) =>
      moderationMetric(name, { statistic: 'Sum', period: HOUR, dimensions }).with({ label });

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Moderation desk\nThe queue's oldest comment is read every 5 minutes; the alarm fires past ${props.queueAgeAlarmHours} h.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new SingleValueWidget({ title: 'Oldest pending comment (hours)', metrics: [hours(oldestAge, 'hours waiting')], width: 6 }),
      new GraphWidget({
        title: 'Oldest pending comment (hours)',
        left: [hours(oldestAge, 'hours waiting')],
        leftAnnotations: [{ value: props.queueAgeAlarmHours, label: 'alarm' }],
        width: 18,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Comments submitted by outcome (per hour)',
        left: COMMENT_STATUSES.map((outcome) => sum(MODERATION_METRIC.submitted, { outcome }, outcome)),
        stacked: true,
        width: 12,
      }),
      new GraphWidget({
        title: 'Moderator decisions by action (per hour)',
        left: MODERATION_ACTIONS.map((action) => sum(MODERATION_METRIC.decisions, { action }, action)),
        stacked: true,
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Time from submission to decision (hours)',
        left: ['p50', 'p90', 'Maximum'].map(
          (statistic, i) =>
            new MathExpression({
              expression: `wait${i} / 3600`,
              usingMetrics: { [`wait${i}`]: moderationMetric(MODERATION_METRIC.timeToDecision, { statistic, period: HOUR }) },
              label: statistic,
              period: HOUR,
            }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'Reports received (per hour)',
        left: [sum(MODERATION_METRIC.reports, undefined, 'reports')],
        width: 12,
      }),
    );
  }
}
