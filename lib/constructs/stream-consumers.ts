/**
 * The comments table's stream reader: ONE dispatcher function
 * (lambda/handlers/stream-dispatcher.ts) that runs every deployed consumer of
 * STREAM_CONSUMERS on each batch. DynamoDB Streams allows two simultaneous
 * readers per shard ("more than 2 processes ... may result in request
 * throttling"), so consumers never get mappings of their own. Batches are
 * small and gathered for at most a second, so a purge lands well before the
 * read cache's pages expire; the function has its own, longer, time limit
 * for the mails. A failing batch is split to isolate the bad record, retried,
 * and finally listed in an encrypted SQS queue that an alarm watches.
 */
import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StreamConsumer } from '../../lambda/background-functions';
import type { ServiceFunction } from './service-function';
import { failureQueue } from './failure-queue';

/** Why a stream consumer's role needs Resource "*" beyond X-Ray. */
export const LIST_STREAMS_WILDCARD = 'dynamodb:ListStreams (reading a table stream): ListStreams has no resource-level permissions';

/** The dispatcher's mapping and limits. */
export const STREAM_READING = {
  /** Small batches: a batch of reply mails must fit in the time limit at SES's slowest sending rate. */
  batchSize: 25,
  /** At most this long gathering a batch (0-2 s keeps purges ahead of the pages' natural expiry). */
  batchingWindowSeconds: 1,
  /** The dispatcher's own time limit: mails and invalidation retries outlast the API's. */
  timeoutSeconds: 120,
  retryAttempts: 3,
  maxRecordAgeHours: 6,
} as const;

export interface StreamConsumersProps {
  consumers: readonly StreamConsumer[];
  tables: Readonly<Record<StreamConsumer['table'], Table>>;
  /** Builds the dispatcher with the union of the consumers' access and needs. */
  createDispatcher: (consumers: readonly StreamConsumer[]) => ServiceFunction;
}

export interface DeployedDispatcher {
  fn: ServiceFunction;
  failures: Queue;
  consumers: string[];
}

export class StreamConsumers extends Construct {
  /** Undefined when no consumer is deployed. */
  readonly dispatcher: DeployedDispatcher | undefined;

  constructor(scope: Construct, id: string, props: StreamConsumersProps) {
    super(scope, id);
    if (props.consumers.length === 0) return;
    const tables = new Set(props.consumers.map((c) => c.table));
    if (tables.size !== 1) throw new Error('stream consumers of more than one table need a dispatcher per table');
    const tableName = props.consumers[0]!.table;
    const table = props.tables[tableName];
    if (!table.tableStreamArn)
      throw new Error(`the stream consumers read the ${tableName} stream, but schema.ts gives that table no stream`);
    const fn = props.createDispatcher(props.consumers);
    const failures = failureQueue(
      this,
      'DispatcherFailures',
      "This queue is itself the on-failure destination of the stream dispatcher's event source (records of failed batches); an alarm watches it and the runbook replays it.",
    );
    fn.function.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: STREAM_READING.batchSize,
        maxBatchingWindow: Duration.seconds(STREAM_READING.batchingWindowSeconds),
        bisectBatchOnError: true,
        retryAttempts: STREAM_READING.retryAttempts,
        maxRecordAge: Duration.hours(STREAM_READING.maxRecordAgeHours),
        onFailure: new SqsDlq(failures),
      }),
    );
    this.dispatcher = { fn, failures, consumers: props.consumers.map((c) => c.name) };
  }
}
