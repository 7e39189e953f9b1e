/**
 * The functions no HTTP request starts: stream consumers, scheduled jobs and
 * the mail-feedback subscriber. The stack builds them from these lists as it
 * builds the HTTP functions from the route table (./routes.ts).
 */
import type { Access } from './routes';

/** Functions fed by a table's DynamoDB stream rather than by HTTP. */
export interface StreamConsumer {
  name: string;
  entry: string;
  table: 'Comments';
  access: Access[];
  /** Extra environment the function needs: the SNS topic ('notifyTopic'), SES and the mail links ('mail'; deployed only with -c mailFrom), the read cache's distribution ('edgeDistribution'). */
  needs: Array<'notifyTopic' | 'mail' | 'edgeDistribution'>;
}

export const STREAM_CONSUMERS: readonly StreamConsumer[] = [
  // New pending comments -> one SNS digest per batch (env NOTIFY_TOPIC_ARN; CONSOLE_URL, when set, is linked).
  // It reads only the stream records it is given (the event source grants the stream read), no table.
  { name: 'NotifyModerators', entry: 'lambda/handlers/notify-moderators.ts', table: 'Comments', access: [], needs: ['notifyTopic'] },
  // A moderator's decision contradicting a spam verdict -> the provider (Akismet's submit-ham / submit-spam), off the request path.
  { name: 'ClassifierFeedback', entry: 'lambda/handlers/classifier-feedback.ts', table: 'Comments', access: ['classifiers'], needs: [] },
  // Reply notifications: confirmation mails for new requests, one mail per approved reply (SES; deployed only with -c mailFrom).
  // Reads contacts and subscribers, writes the subscriber and the mail guards, signs links with the hash key.
  {
    name: 'MailReplies',
    entry: 'lambda/handlers/mail-replies.ts',
    table: 'Comments',
    access: ['private:read', 'private:write', 'secret:hashKey'],
    needs: ['mail'],
  },
  // People's decisions -> the site's triage model (one versioned item) and the Triage page's day counters, a batch at a time.
  // Only the TRIAGE items of the comments table: everything it learns from is in the stream records.
  {
    name: 'LearnFromDecisions',
    entry: 'lambda/handlers/learn-from-decisions.ts',
    table: 'Comments',
    access: ['triage:read', 'triage:write'],
    needs: [],
  },
  // Published comments that stop being public -> one CloudFront invalidation per article per batch
  // (env EDGE_DISTRIBUTION_ID, EDGE_API_PREFIX); locally the same handler empties the edge stand-in.
  { name: 'PurgeEdgeCache', entry: 'lambda/handlers/purge-edge-cache.ts', table: 'Comments', access: [], needs: ['edgeDistribution'] },
];

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
