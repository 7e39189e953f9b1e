/** Reply mails as deployed: sent through SES (../mail.ts reads the addresses and links from the environment). */
import { mailRepliesOfChanges } from '../../handlers/mail-replies';
import { replyMailerFromEnvironment } from '../mail';

/** What the stream dispatcher runs when deployed. */
export const onChanges = mailRepliesOfChanges(replyMailerFromEnvironment);
