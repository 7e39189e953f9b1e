/**
 * Functions fed by a table's DynamoDB stream (STREAM_CONSUMERS in
 * lambda/background-functions.ts). Records arrive in batches (up to 100, or every 60 s), so
 * a flood of comments becomes a few invocations; a failing batch is split to
 * isolate the bad record, retried, and finally listed in an encrypted SQS
 * queue that an alarm watches.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StreamConsumer } from '../../lambda/background-functions';
import type { ServiceFunction } from './service-function';

/** Why a stream consumer's role needs Resource "*" beyond X-Ray. */
export const LIST_STREAMS_WILDCARD = 'dynamodb:ListStreams (reading a table stream): ListStreams has no resource-level permissions';

export interface StreamConsumersProps {
  consumers: readonly StreamConsumer[];
  tables: Readonly<Record<StreamConsumer['table'], Table>>;
  /** Builds the function with the service's defaults, access and environment. */
  createFunction: (consumer: StreamConsumer) => ServiceFunction;
}

export interface DeployedConsumer {
  name: string;
  fn: ServiceFunction;
  failures: Queue;
}

export class StreamConsumers extends Construct {
  readonly deployed: DeployedConsumer[] = [];

  constructor(scope: Construct, id: string, props: StreamConsumersProps) {
    super(scope, id);
    for (const consumer of props.consumers) {
      const table = props.tables[consumer.table];
      if (!table.tableStreamArn)
        throw new Error(`${consumer.name} reads the ${consumer.table} stream, but schema.ts gives that table no stream`);
      const fn = props.createFunction(consumer);
      const failures = new Queue(this, `${consumer.name}Failures`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: RemovalPolicy.DESTROY,
      });
      Validations.of(failures).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself the dead-letter destination of ${consumer.name}'s stream event source (on-failure records); an alarm watches it, nothing consumes it automatically.`,
      });
      fn.function.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.LATEST,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(60),
          bisectBatchOnError: true,
          retryAttempts: 3,
          maxRecordAge: Duration.hours(6),
          onFailure: new SqsDlq(failures),
        }),
      );
      this.deployed.push({ name: consumer.name, fn, failures });
    }
  }
}
