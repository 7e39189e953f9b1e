/**
 * A queue that keeps what a function failed on (an on-failure destination),
 * encrypted and kept 14 days. cdk-nag asks every queue for a dead-letter queue
 * of its own; this one is itself where failures land, so the rule is
 * acknowledged with the reason the caller gives.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export function failureQueue(scope: Construct, id: string, whyNoDeadLetterQueue: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.DESTROY,
  });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: whyNoDeadLetterQueue });
  return queue;
}
