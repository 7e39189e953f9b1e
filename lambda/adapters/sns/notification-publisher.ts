/** Publishes moderator notifications to the SNS topic in NOTIFY_TOPIC_ARN (its subscribers are the moderators). */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { NotificationPublisher } from '../../domain/ports/notification-publisher';

export class SnsNotificationPublisher implements NotificationPublisher {
  private readonly client = new SNSClient({ maxAttempts: 3 });

  constructor(private readonly topicArn: string) {}

  async publish({ subject, message }: { subject: string; message: string }): Promise<void> {
    await this.client.send(new PublishCommand({ TopicArn: this.topicArn, Subject: subject, Message: message }));
  }
}
