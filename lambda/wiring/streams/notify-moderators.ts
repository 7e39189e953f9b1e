/** The moderators' digest as deployed: published to the SNS topic moderators subscribe to. */
import { SnsNotificationPublisher } from '../../adapters/sns/notification-publisher';
import { envOptional } from '../../environment';
import { notifyModeratorsOfChanges } from '../../handlers/notify-moderators';

let sns: SnsNotificationPublisher | undefined;
function snsPublisher(): SnsNotificationPublisher {
  const topicArn = envOptional('NOTIFY_TOPIC_ARN');
  if (!topicArn) throw new Error('NOTIFY_TOPIC_ARN environment variable is not set');
  return (sns ??= new SnsNotificationPublisher(topicArn));
}

/** What the stream dispatcher runs when deployed. */
export const onChanges = notifyModeratorsOfChanges(snsPublisher, envOptional('CONSOLE_URL'));
