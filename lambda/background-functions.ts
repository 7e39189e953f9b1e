/**
 * The functions no HTTP request starts: stream consumers, scheduled jobs and
 * the mail-feedback subscriber. The stack builds them from these lists as it
 * builds the HTTP functions from the route table (./routes.ts).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { CommentChange } from './adapters/dynamodb/comment-changes';
import type { Access } from './routes';

/**
 * What a stream consumer does with a batch: its comment changes, decoded once (lambda/adapters/dynamodb/comment-changes.ts),
 * and the batch itself, for a consumer of other items whose own adapter decodes them (e.g. the learner's TRIAGE items).
 */
export type ChangeHandler = (changes: readonly CommentChange[], batch: DynamoDBStreamEvent) => Promise<unknown>;

/**
 * A consumer of the comments table's stream. One dispatcher function reads the
 * stream and hands every batch's decoded changes to each deployed consumer
 * (DynamoDB Streams allows two readers per shard): adding a consumer is one
 * entry in STREAM_CONSUMERS.
 */
export interface StreamConsumer {
  name: string;
  table: 'Comments';
  access: Access[];
  /**
   * Extra environment the consumer needs: the SNS topic ('notifyTopic'), SES and the mail links ('mail'; deployed only
   * with -c mailFrom), the read cache's distribution ('edgeDistribution'), a classifier that learns from feedback
   * ('feedbackProvider'; deployed only when one is enabled).
   */
  needs: Array<'notifyTopic' | 'mail' | 'edgeDistribution' | 'feedbackProvider'>;
  /** The consumer's code, loaded by the dispatcher only (lazily, so the CDK app reads this list without it). */
  load: () => Promise<ChangeHandler>;
}

export const STREAM_CONSUMERS: readonly StreamConsumer[] = [
  // New pending comments -> one SNS digest per batch (env NOTIFY_TOPIC_ARN; CONSOLE_URL, when set, is linked).
  {
    name: 'NotifyModerators',
    table: 'Comments',
    access: [],
    needs: ['notifyTopic'],
    load: async () => (await import('./wiring/streams/notify-moderators')).onChanges,
  },
  // A moderator's decision contradicting a spam verdict -> the provider (Akismet's submit-ham / submit-spam), off the request path.
  {
    name: 'ClassifierFeedback',
    table: 'Comments',
    access: ['classifiers:feedback'],
    needs: ['feedbackProvider'],
    load: async () => (await import('./wiring/streams/classifier-feedback')).onChanges,
  },
  // Reply notifications: confirmation mails for new requests, one mail per approved reply (SES; deployed only with -c mailFrom).
  // Reads contacts and subscribers, writes the subscriber and the mail guards, signs links with the hash key.
  {
    name: 'MailReplies',
    table: 'Comments',
    access: ['private:read', 'private:write', 'secret:hashKey'],
    needs: ['mail'],
    load: async () => (await import('./wiring/streams/mail-replies')).onChanges,
  },
  // People's decisions -> the site's triage model (one versioned item) and the Triage page's day counters, a batch at a time.
  // Only the TRIAGE items of the comments table, which its own adapter decodes from the batch's records.
  {
    name: 'LearnFromDecisions',
    table: 'Comments',
    access: ['triage:read', 'triage:write'],
    needs: [],
    load: async () => {
      const { handler } = await import('./handlers/learn-from-decisions');
      return (_changes, batch) => handler(batch);
    },
  },
  // Published comments that stop being public -> CloudFront invalidations of their articles' lists
  // (env EDGE_DISTRIBUTION_ID, EDGE_API_PREFIX); locally the same handler empties the edge stand-in.
  {
    name: 'PurgeEdgeCache',
    table: 'Comments',
    access: [],
    needs: ['edgeDistribution'],
    load: async () => (await import('./wiring/streams/purge-edge-cache')).onChanges,
  },
];

/** The one function that reads the comments stream and runs the deployed consumers (env STREAM_CONSUMERS: their names). */
export const STREAM_DISPATCHER = { name: 'StreamDispatcher', entry: 'lambda/handlers/stream-dispatcher.ts' } as const;

/** Functions run on a schedule (an EventBridge rule) rather than by a request or a stream. */
export interface ScheduledJob {
  name: string;
  entry: string;
  everyMinutes: number;
  access: Access[];
}

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  // The age of the oldest pending comment as a metric (one Query, Limit 1); the queue-age alarm watches it.
  { name: 'QueueAge', entry: 'lambda/handlers/queue-age.ts', everyMinutes: 5, access: ['queue:oldest'] },
];

/** The function SES bounces and complaints reach through SNS (deployed only with -c mailFrom); it suppresses the address. */
export const MAIL_FEEDBACK = {
  name: 'MailFeedback',
  entry: 'lambda/handlers/mail-feedback.ts',
  access: ['private:write', 'secret:hashKey'],
} as const satisfies { name: string; entry: string; access: readonly Access[] };
