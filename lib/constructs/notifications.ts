/**
 * SNS topics that reach people by email: operational alarms, and (when a
 * stream consumer needs it) new-comment notifications for moderators. Both
 * are encrypted with one customer managed key that CloudWatch may use, and
 * refuse publishers that do not use TLS.
 */
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { ServicePrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface NotificationsProps {
  /** Subscribed to every topic; each address confirms by email once. */
  emails: string[];
}

export class Notifications extends Construct {
  readonly key: Key;
  readonly alarmTopic: Topic;
  private moderatorTopic?: Topic;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: NotificationsProps,
  ) {
    super(scope, id);
    this.key = new Key(this, 'TopicKey', {
      description: 'Encrypts the comment service notification topics',
      enableKeyRotation: true,
      // Messages already queued for delivery may still need it; removed with a failed first creation.
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    // CloudWatch alarms publish to the encrypted alarm topic; AWS managed SNS keys do not allow that.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.alarmTopic = this.topic('Alarms', 'Comment service alarms');
  }

  /** The topic new-comment notifications go to; created on first use. */
  get notifyTopic(): Topic {
    this.moderatorTopic ??= this.topic('ModeratorNotifications', 'New comments awaiting moderation');
    return this.moderatorTopic;
  }

  /** Publish to the moderator topic: the topic itself, and its key only through SNS. */
  publishStatements(): PolicyStatement[] {
    return [
      new PolicyStatement({ sid: 'PublishNotifications', actions: ['sns:Publish'], resources: [this.notifyTopic.topicArn] }),
      new PolicyStatement({
        sid: 'EncryptNotifications',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `sns.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
      }),
    ];
  }

  private topic(id: string, displayName: string): Topic {
    const topic = new Topic(this, id, { displayName, masterKey: this.key, enforceSSL: true });
    for (const email of this.props.emails) topic.addSubscription(new EmailSubscription(email));
    return topic;
  }
}
