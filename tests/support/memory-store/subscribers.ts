/** Reply-mail subscribers and their claims. */
import {
  mailQuotaKey,
  type ReplyMailClaim,
  replyMailKey,
  type Subscriber,
  type SubscriberState,
} from '../../../lambda/domain/reply-notifications/subscriber';
import type { ReplyMailRequest } from '../../../lambda/domain/ports/store-records';
import type { SubscriberStore } from '../../../lambda/domain/ports/subscriber-store';
import { copy, type MemoryTables } from './tables';

export function memorySubscriberStore(t: MemoryTables): SubscriberStore {
  return {
    async getSubscriber(emailHash: string): Promise<Subscriber | undefined> {
      const stored = t.subscribers.get(emailHash);
      return stored ? copy(stored) : undefined;
    },

    async claimConfirmation(emailHash: string, at: string, notBefore: string): Promise<boolean> {
      const stored = t.subscribers.get(emailHash);
      const mayAsk =
        !stored ||
        ((stored.state === 'pending' || stored.state === 'unsubscribed') &&
          (stored.confirmationSentAt === null || stored.confirmationSentAt <= notBefore));
      if (!mayAsk) return false;
      t.subscribers.set(emailHash, {
        emailHash,
        state: 'pending',
        createdAt: stored?.createdAt ?? at,
        updatedAt: at,
        confirmationSentAt: at,
        confirmedAt: stored?.confirmedAt ?? null,
      });
      return true;
    },

    async setSubscriberState(
      emailHash: string,
      from: readonly (SubscriberState | 'absent')[],
      to: SubscriberState,
      at: string,
    ): Promise<boolean> {
      const stored = t.subscribers.get(emailHash);
      if (!from.includes(stored ? stored.state : 'absent')) return false;
      t.subscribers.set(emailHash, {
        emailHash,
        state: to,
        createdAt: stored?.createdAt ?? at,
        updatedAt: at,
        confirmationSentAt: stored?.confirmationSentAt ?? null,
        confirmedAt: to === 'confirmed' ? at : (stored?.confirmedAt ?? null),
      });
      return true;
    },

    async claimReplyMail(claim: ReplyMailRequest): Promise<ReplyMailClaim> {
      if (t.subscribers.get(claim.emailHash)?.state !== 'confirmed') return 'notConfirmed';
      const marker = replyMailKey(claim.replyId, claim.emailHash);
      if (t.mailMarks.has(marker)) return 'duplicate';
      const quota = mailQuotaKey(claim.emailHash, claim.day);
      const sent = t.mailMarks.get(quota) ?? 0;
      if (sent >= claim.limit) return 'overLimit';
      t.mailMarks.set(marker, 1);
      t.mailMarks.set(quota, sent + 1);
      return 'claimed';
    },

    async releaseConfirmation(emailHash: string, at: string): Promise<void> {
      const stored = t.subscribers.get(emailHash);
      if (stored?.confirmationSentAt === at) t.subscribers.set(emailHash, { ...stored, confirmationSentAt: null });
    },

    async releaseReplyMail(claim: ReplyMailRequest): Promise<void> {
      t.mailMarks.delete(replyMailKey(claim.replyId, claim.emailHash));
      const quota = mailQuotaKey(claim.emailHash, claim.day);
      const sent = t.mailMarks.get(quota) ?? 0;
      if (sent > 0) t.mailMarks.set(quota, sent - 1);
    },
  };
}
