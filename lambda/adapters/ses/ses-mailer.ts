/**
 * Mailer on Amazon SES (API v2). The message goes as raw MIME, the very
 * bytes the local outbox writes, so the List-Unsubscribe headers arrive as
 * tested. The configuration set routes bounces and complaints to the
 * function that suppresses the address.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { toMime } from '../../domain/reply-notifications/mime';
import type { OutgoingMail } from '../../domain/reply-notifications/mail';
import type { Mailer } from '../../domain/ports/mailer';

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly configurationSet: string | undefined,
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: mail.from,
        Destination: { ToAddresses: [mail.to] },
        Content: { Raw: { Data: Buffer.from(toMime(mail), 'utf8') } },
        ConfigurationSetName: this.configurationSet,
      }),
    );
  }
}
