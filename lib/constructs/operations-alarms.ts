/**
 * CloudWatch alarms to an SNS topic whose email subscribers are the
 * `moderatorEmails` context setting: API 5xx rate, each function's errors
 * and throttles, each table's throttles and system errors, and for stream
 * consumers their iterator age and failed batches. The queue-age alarm
 * (oldest pending comment) is with the dashboard in moderation-desk.ts.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, MathExpression, Metric, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

const FIVE_MINUTES = Duration.minutes(5);

/** The operations the service uses; CloudWatch alarms allow at most 10 metrics per expression. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

export interface OperationsAlarmsProps {
  topic: ITopic;
  api: RestApi;
  functions: ReadonlyMap<string, IFunction>;
  tables: ReadonlyArray<{ name: string; table: Table }>;
  streamConsumers: ReadonlyArray<{ name: string; fn: IFunction; failures: IQueue }>;
  /** Alarms made elsewhere that notify the same topic (the queue-age alarm): the topic must let them publish too. */
  otherAlarms?: readonly Alarm[];
  /** Queues that hold events a function gave up on (the mail-feedback subscriber's failed invocations). */
  failedEventQueues?: ReadonlyArray<{ name: string; queue: IQueue }>;
  /** Watch SES's account reputation (bounce and complaint rates): with reply mail on. */
  mailReputation?: boolean;
}

export class OperationsAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: OperationsAlarmsProps,
  ) {
    super(scope, id);

    // Quiet periods count as healthy: one failed request out of three is not an incident.
    this.alarm('Api5xxRate', {
      metric: new MathExpression({
        expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: props.api.metricServerError({ period: FIVE_MINUTES }),
          requests: props.api.metricCount({ period: FIVE_MINUTES }),
        },
        period: FIVE_MINUTES,
        label: 'API 5xx %',
      }),
      threshold: 5,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      description:
        '5% or more of API requests answered 5xx in 2 of the last 3 five-minute periods (with at least 20 requests in a period).',
    });

    for (const [name, fn] of props.functions) {
      this.alarm(`${name}Errors`, {
        metric: fn.metricErrors({ period: FIVE_MINUTES }),
        threshold: 1,
        description: `${name} failed (an unhandled error or a timeout: handlers turn expected failures into HTTP answers).`,
      });
      this.alarm(`${name}Throttles`, {
        metric: fn.metricThrottles({ period: FIVE_MINUTES }),
        threshold: 1,
        description: `${name} was throttled: the account or reserved concurrency limit was reached.`,
      });
    }

    for (const { name, table } of props.tables) {
      this.alarm(`${name}TableThrottles`, {
        metric: table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES }),
        threshold: 1,
        description: `Requests to the ${name} table were throttled.`,
      });
      this.alarm(`${name}TableSystemErrors`, {
        metric: table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES }),
        threshold: 1,
        description: `DynamoDB answered requests to the ${name} table with a server error.`,
      });
    }

    for (const consumer of props.streamConsumers) {
      this.alarm(`${consumer.name}IteratorAge`, {
        metric: consumer.fn.metric('IteratorAge', { statistic: 'Maximum', period: FIVE_MINUTES }),
        threshold: Duration.minutes(15).toMilliseconds(),
        description: `${consumer.name} is more than 15 minutes behind the table stream.`,
      });
      this.alarm(`${consumer.name}FailedBatches`, {
        metric: consumer.failures.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 1,
        description: `${consumer.name} gave up on stream records; they are listed in its failure queue.`,
      });
    }

    for (const { name, queue } of props.failedEventQueues ?? []) {
      this.alarm(`${name}FailedEvents`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 1,
        description: `${name} gave up on events after Lambda's retries; they are kept in its failure queue.`,
      });
    }

    if (props.mailReputation) {
      // SES reviews an account at a 5% bounce or 0.1% complaint rate (SES's reputation metrics); warn before that.
      const reputation = (metricName: string) =>
        new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
      this.alarm('MailBounceRate', {
        metric: reputation('Reputation.BounceRate'),
        threshold: 0.04,
        description: "SES's bounce rate for this account reached 4% (SES reviews accounts at 5%): check the reply-mail addresses.",
      });
      this.alarm('MailComplaintRate', {
        metric: reputation('Reputation.ComplaintRate'),
        threshold: 0.0008,
        description: "SES's complaint rate for this account reached 0.08% (SES reviews accounts at 0.1%).",
      });
    }

    // enforceSSL gives the topic a policy of its own, which replaces SNS's default one: without this
    // statement CloudWatch may not publish and no alarm would ever reach anyone.
    props.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [props.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': [...this.alarms, ...(props.otherAlarms ?? [])].map((alarm) => alarm.alarmArn) },
        },
      }),
    );
  }

  private alarm(
    id: string,
    options: { metric: IMetric; threshold: number; description: string; evaluationPeriods?: number; datapointsToAlarm?: number },
  ): void {
    const alarm = new Alarm(this, id, {
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      datapointsToAlarm: options.datapointsToAlarm,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(new SnsAction(this.props.topic));
    this.alarms.push(alarm);
  }
}
