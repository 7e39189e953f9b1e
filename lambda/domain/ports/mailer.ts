import type { OutgoingMail } from '../reply-notifications/mail';

/** Sends one mail to readers: Amazon SES deployed, an .eml file in the local outbox. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}
