/**
 * Sending reply-notification mail with Amazon SES from an identity verified
 * outside this stack (`-c mailFrom=...`): a configuration set whose bounces
 * and complaints go to an encrypted SNS topic, and the one statement the
 * sending function gets: ses:SendEmail on that identity (the address and its
 * domain) and this configuration set, only with that From address.
 */
import { Aws } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { ConfigurationSet, EmailSendingEvent, EventDestination, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface ReplyMailProps {
  /** The verified SES identity's address mails come from. */
  mailFrom: string;
  /** Encrypts the feedback topic (the notification topics' key); SES is allowed to use it. */
  topicKey: IKey;
}

export class ReplyMail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly feedbackTopic: Topic;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ReplyMailProps,
  ) {
    super(scope, id);
    // SES's account suppression list as well: an address that bounced anywhere is not tried again.
    this.configurationSet = new ConfigurationSet(this, 'Sending', { suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS });
    this.feedbackTopic = new Topic(this, 'Feedback', {
      displayName: 'Bounces and complaints of reply-notification mails',
      masterKey: props.topicKey,
      enforceSSL: true,
    });
    props.topicKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.feedbackTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
  }

  /** Send as mailFrom, through this configuration set, and nothing else. */
  sendStatement(): PolicyStatement {
    const { mailFrom } = this.props;
    const domain = mailFrom.slice(mailFrom.lastIndexOf('@') + 1);
    const arn = (resource: string) => `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
    return new PolicyStatement({
      sid: 'SendReplyMail',
      actions: ['ses:SendEmail'],
      // SES checks the identity that authorises the sender (the address, or its verified domain) and the configuration set.
      resources: [
        arn(`identity/${mailFrom}`),
        arn(`identity/${domain}`),
        arn(`configuration-set/${this.configurationSet.configurationSetName}`),
      ],
      conditions: { StringEquals: { 'ses:FromAddress': mailFrom } },
    });
  }
}
