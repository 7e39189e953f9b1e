/**
 * The local stand-in for the Lambda event source on the comments table's
 * stream: reads DynamoDB Local's stream (DescribeStream, GetShardIterator
 * LATEST, GetRecords about once a second), turns each poll's records into
 * the event Lambda would get, and runs the same stream handlers that
 * deploy: notify-moderators, whose publisher writes each message to
 * DATA_DIR/outbox/<time>.json and prints one line instead of sending it
 * through SNS, and purge-edge-cache, whose purger empties the local edge's
 * entries instead of calling CloudFront, and the learner, which teaches the
 * site's model from moderators' decisions. With `mailDir`, the same records
 * also go to the reply-mail handler, whose mails become .eml files there
 * (scripts/local/mail-outbox.ts) instead of going through SES. `pollNow`
 * reads at once; the local gateway calls it after each write, so a purge
 * takes effect before the moderator's action is answered.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { classifierSourceFromEnvironment } from '../../lambda/adapters/classifiers/source';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { commentChangesOf } from '../../lambda/adapters/dynamodb/comment-changes';
import { DynamoDbTriageStore } from '../../lambda/adapters/dynamodb/triage-store';
import type { ChangeHandler } from '../../lambda/background-functions';
import { SITE_MODEL_CODEC } from '../../lambda/domain/use-cases/site-model-codec';
import { classifierFeedbackOfChanges } from '../../lambda/handlers/classifier-feedback';
import { learnerConsumer } from '../../lambda/handlers/learn-from-decisions';
import { mailRepliesOfChanges } from '../../lambda/handlers/mail-replies';
import { notifyModeratorsOfChanges } from '../../lambda/handlers/notify-moderators';
import { replyMailerWith } from '../../lambda/wiring/mail';
import type { NotificationPublisher } from '../../lambda/domain/ports/notification-publisher';
import { outboxMailer } from './mail-outbox';

export interface StreamOptions {
  endpoint: string;
  tableName: string;
  /** Where messages are written (DATA_DIR/outbox). */
  outboxDir: string;
  /** Linked from the message: the local moderators' console. */
  consoleUrl: string;
  pollMs?: number;
  /** Where reply-notification mails are written (DATA_DIR/outbox/mail); unset: none are sent. */
  mailDir?: string;
  /** No line per message on stdout. */
  quiet?: boolean;
  /** Runs each batch for the moderators; by default the notify-moderators module with a publisher that writes to the outbox. */
  handler?: (event: DynamoDBStreamEvent) => Promise<unknown>;
  /** Write moderator notifications to the outbox (default true). */
  notify?: boolean;
  /** Further consumers of each batch's decoded changes (the edge cache purge). */
  consumers?: readonly ChangeHandler[];
}

export interface LocalStreams {
  outboxDir: string;
  /** Reads the stream now (after the poll under way, if any) and runs the handlers on what it finds. */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

const local = { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** Writes each message as a JSON file; the file name sorts by time. */
export function outboxPublisher(outboxDir: string, quiet = false): NotificationPublisher {
  let sequence = 0;
  return {
    async publish({ subject, message }) {
      await mkdir(outboxDir, { recursive: true });
      const at = new Date().toISOString();
      sequence += 1;
      const file = join(outboxDir, `${at.replace(/[:.]/g, '-')}-${String(sequence).padStart(4, '0')}.json`);
      await writeFile(file, `${JSON.stringify({ at, subject, message }, null, 2)}\n`);
      const shown = relative(process.cwd(), file);
      if (!quiet) console.log(`notify: ${subject} -> ${shown.startsWith('..') ? file : shown}`);
    },
  };
}

/** The record as the Lambda event source delivers it (times in seconds, the stream's ARN on each record). */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    ...record,
    eventSourceARN: streamArn,
    dynamodb: { ...record.dynamodb, ApproximateCreationDateTime: created ? Math.floor(created.getTime() / 1000) : undefined },
  } as unknown as DynamoDBRecord;
}

export async function startLocalStreams(options: StreamOptions): Promise<LocalStreams> {
  const dynamodb = new DynamoDBClient({ endpoint: options.endpoint, ...local });
  const table = await dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
  dynamodb.destroy();
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);

  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, ...local });
  const notifyChanges = notifyModeratorsOfChanges(() => outboxPublisher(options.outboxDir, options.quiet), options.consoleUrl);
  const notify =
    options.notify === false ? undefined : (options.handler ?? ((event: DynamoDBStreamEvent) => notifyChanges(commentChangesOf(event))));
  const { mailDir } = options;
  // Reply mails run from the TypeScript module whatever the loader (the mail consumer deploys only with mailFrom).
  const mail = mailDir ? mailRepliesOfChanges(() => replyMailerWith(outboxMailer(mailDir, options.quiet))) : undefined;
  // Moderators' decisions that contradict a spam verdict go back to the provider, as the deployed consumer does.
  const feedback = classifierFeedbackOfChanges(classifierSourceFromEnvironment);
  // The site's model learns from moderators' decisions, as the deployed learner does (the private table is not used).
  const db = createDocumentClient(options.endpoint);
  const triage = new DynamoDbTriageStore({ db, tables: { comments: options.tableName, private: '' } });
  const learner = learnerConsumer(() => ({ store: triage, codec: SITE_MODEL_CODEC }));
  const consumers: ChangeHandler[] = [...(mail ? [mail] : []), feedback, (_changes, batch) => learner(batch), ...(options.consumers ?? [])];
  // Like the deployed dispatcher: the batch is decoded once; each consumer gets it; one failing does not stop the others.
  const handler = async (event: DynamoDBStreamEvent) => {
    const changes = commentChangesOf(event);
    const runs = [...(notify ? [notify(event)] : []), ...consumers.map((consume) => consume(changes, event))];
    const failures = (await Promise.allSettled(runs)).filter((r) => r.status === 'rejected');
    if (failures.length > 0) throw (failures[0] as PromiseRejectedResult).reason;
  };
  // Open shards and where to read each next; a shard leaves when it closes.
  const iterators = new Map<string, string>();
  const known = new Set<string>();

  const iteratorFor = async (shardId: string, type: 'LATEST' | 'TRIM_HORIZON') =>
    (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type }))).ShardIterator;

  /** Finds shards we do not read yet: at start from LATEST (only new comments), later from their start. */
  async function discoverShards(initial: boolean) {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId;
      if (!id || known.has(id)) continue;
      known.add(id);
      if (initial && shard.SequenceNumberRange?.EndingSequenceNumber) continue; // closed before we started
      const iterator = await iteratorFor(id, initial ? 'LATEST' : 'TRIM_HORIZON');
      if (iterator) iterators.set(id, iterator);
    }
  }

  async function pollOnce() {
    const records: DynamoDBRecord[] = [];
    let shardClosed = false;
    for (const [shardId, iterator] of iterators) {
      try {
        const result = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        records.push(...(result.Records ?? []).map((r) => toLambdaRecord(r, streamArn!)));
        if (result.NextShardIterator) iterators.set(shardId, result.NextShardIterator);
        else {
          iterators.delete(shardId);
          shardClosed = true;
        }
      } catch (error) {
        if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
        const fresh = await iteratorFor(shardId, 'LATEST');
        if (fresh) iterators.set(shardId, fresh);
      }
    }
    if (shardClosed || iterators.size === 0) await discoverShards(false);
    if (records.length > 0) {
      await handler({ Records: records } satisfies DynamoDBStreamEvent);
    }
  }

  await discoverShards(true);

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const report = (error: unknown) => {
    // Like a failing Lambda, but locally the records are dropped rather than retried forever.
    if (!stopped) console.error(`streams: reading the comments stream failed: ${error instanceof Error ? error.message : String(error)}`);
  };
  /** Polls one at a time: a poll asked for while one runs follows it. */
  const poll = () => (running = running.then(() => (stopped ? undefined : pollOnce().catch(report))));
  const schedule = () => {
    timer = setTimeout(() => {
      void poll().finally(() => {
        if (!stopped) schedule();
      });
    }, options.pollMs ?? 1000);
  };
  schedule();

  return {
    outboxDir: options.outboxDir,
    pollNow: poll,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      streams.destroy();
      db.destroy();
    },
  };
}
