/** Reply notifications: the subscriber (keyed by the email hash) and the claims that keep mail to one per reply. */
import type { ReplyMailClaim, Subscriber, SubscriberState } from '../reply-notifications/subscriber';
import type { ReplyMailRequest } from './store-records';

export interface SubscriberStore {
  getSubscriber(emailHash: string): Promise<Subscriber | undefined>;
  /**
   * Records a confirmation mail as sent at `at`, unless the address is confirmed or
   * suppressed, or one was sent after `notBefore`. True when the caller should send it.
   */
  claimConfirmation(emailHash: string, at: string, notBefore: string): Promise<boolean>;
  /** Moves the subscriber to `to` when its state is one of `from` ('absent': no record yet, created). True when changed. */
  setSubscriberState(emailHash: string, from: readonly (SubscriberState | 'absent')[], to: SubscriberState, at: string): Promise<boolean>;
  /** Takes one of a confirmed address's mails of `day` for one reply, atomically with the check that no mail went for it yet. */
  claimReplyMail(claim: ReplyMailRequest): Promise<ReplyMailClaim>;
  /** Gives back a claimed confirmation whose mail was not accepted for sending (the one claimed at `at`), so a retry may send it. */
  releaseConfirmation(emailHash: string, at: string): Promise<void>;
  /** Gives back a claimed reply mail (its mark and one of the day's count) when the mail was not accepted for sending. */
  releaseReplyMail(claim: ReplyMailRequest): Promise<void>;
}
