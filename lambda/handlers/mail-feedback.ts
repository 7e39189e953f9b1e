/**
 * SES -> SNS -> here: bounces and complaints about reply mails. A permanent
 * bounce or any complaint suppresses the address (its keyed hash): it is
 * sent nothing again, not even a confirmation. Transient bounces (a full
 * mailbox) change nothing. Reads both SES event publishing ("eventType") and
 * identity notifications ("notificationType"). Never logs an address.
 */
import type { SNSEvent } from 'aws-lambda';
import type { Subscriptions } from '../domain/reply-notifications/subscriptions';
import { logger } from '../wiring/observability';
import { subscriptionsFromEnvironment } from '../wiring/mail-feedback';

interface SesFeedback {
  eventType?: string;
  notificationType?: string;
  bounce?: { bounceType?: string; bouncedRecipients?: Array<{ emailAddress?: string }> };
  complaint?: { complainedRecipients?: Array<{ emailAddress?: string }> };
}

/** The addresses a batch of SES feedback says never to mail again. */
export function addressesToSuppress(event: SNSEvent): string[] {
  const addresses: string[] = [];
  for (const record of event.Records ?? []) {
    let feedback: SesFeedback;
    try {
      feedback = JSON.parse(record.Sns?.Message ?? '') as SesFeedback;
    } catch {
      logger.warn('mail feedback that is not JSON ignored');
      continue;
    }
    const kind = feedback.eventType ?? feedback.notificationType;
    const recipients =
      kind === 'Bounce' && feedback.bounce?.bounceType === 'Permanent'
        ? feedback.bounce.bouncedRecipients
        : kind === 'Complaint'
          ? feedback.complaint?.complainedRecipients
          : undefined;
    for (const recipient of recipients ?? []) if (recipient.emailAddress) addresses.push(recipient.emailAddress);
  }
  return addresses;
}

export function mailFeedback(subscriptions: () => Promise<Pick<Subscriptions, 'suppress'>>) {
  return async (event: SNSEvent): Promise<{ suppressed: number }> => {
    const addresses = addressesToSuppress(event);
    if (addresses.length > 0) {
      const service = await subscriptions();
      for (const address of addresses) await service.suppress(address);
    }
    logger.info('mail feedback', { records: event.Records?.length ?? 0, suppressed: addresses.length });
    return { suppressed: addresses.length };
  };
}

export const handler = mailFeedback(subscriptionsFromEnvironment);
