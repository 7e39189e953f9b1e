/** The SES adapter on the documented SESv2 SendEmail shape, with aws-sdk-client-mock; and the bounce/complaint handler on SES's event shapes. */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { SNSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../../lambda/adapters/ses/ses-mailer';
import { replyMail } from '../../../lambda/domain/reply-notifications/mail';
import { addressesToSuppress, mailFeedback } from '../../../lambda/handlers/mail-feedback';

const ses = mockClient(SESv2Client);
beforeEach(() => ses.reset());

const links = {
  from: 'comments@news.example.com',
  apiUrl: 'https://api.example.com/api',
  articleUrl: (id: string) => `https://n.example.com/${id}`,
};
const mail = replyMail(links, 'ann@example.com', { articleId: 'a1', replierName: 'Bob', replyText: 'Hello' }, 'v1.T.S');

describe('SesMailer', () => {
  it('sends the raw MIME from the identity, to the one recipient, through the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    await new SesMailer(new SESv2Client({ region: 'eu-west-1' }), 'replies').send(mail);
    const [call] = ses.commandCalls(SendEmailCommand);
    const input = call!.args[0].input;
    expect(input.FromEmailAddress).toBe('comments@news.example.com');
    expect(input.Destination).toEqual({ ToAddresses: ['ann@example.com'] });
    expect(input.ConfigurationSetName).toBe('replies');
    const raw = Buffer.from(input.Content!.Raw!.Data!).toString('utf8');
    expect(raw).toContain('List-Unsubscribe: <https://api.example.com/api/subscriptions/unsubscribe?token=v1.T.S>\r\n');
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(raw).toContain('To: ann@example.com\r\n');
  });

  it('lets a refusal through, so the stream batch is retried', async () => {
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('Daily message quota exceeded'), { name: 'LimitExceededException' }));
    await expect(new SesMailer(new SESv2Client({ region: 'eu-west-1' }), undefined).send(mail)).rejects.toThrow(/quota/);
  });
});

const sns = (...messages: unknown[]): SNSEvent =>
  ({ Records: messages.map((m) => ({ Sns: { Message: typeof m === 'string' ? m : JSON.stringify(m) } })) }) as unknown as SNSEvent;

describe('bounce and complaint handling', () => {
  const event = sns(
    { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'gone@example.com' }] } },
    { eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'full@example.com' }] } },
    { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'angry@example.com' }] } },
    { notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'old@example.com' }] } },
    { eventType: 'Delivery', delivery: { recipients: ['fine@example.com'] } },
    'not json',
  );

  it('suppresses permanent bounces and complaints, not transient bounces or deliveries', async () => {
    expect(addressesToSuppress(event)).toEqual(['gone@example.com', 'angry@example.com', 'old@example.com']);
    const suppressed: string[] = [];
    const result = await mailFeedback(async () => ({ suppress: async (a: string) => void suppressed.push(a) }))(event);
    expect(result).toEqual({ suppressed: 3 });
    expect(suppressed).toEqual(['gone@example.com', 'angry@example.com', 'old@example.com']);
  });
});
