/** SubscriberStore: reply-mail subscribers and their claims. */
import { describe, expect, it } from 'vitest';
import { at, contractStore, draft, type OpenedStore } from './fixtures';

export function subscriberCases(open: () => Promise<OpenedStore>): void {
  describe('reply notifications', () => {
    const { store, insert } = contractStore(open);
    it('keeps the request on the contact, only when made', async () => {
      const asked = draft({ id: 'asked' });
      await store.insertComment({ ...asked, contact: { ...asked.contact, notifyReplies: true } });
      await insert({ id: 'quiet' });
      expect((await store.getContact('asked'))?.notifyReplies).toBe(true);
      expect(await store.getContact('quiet')).not.toHaveProperty('notifyReplies');
    });

    it('claims a confirmation once per window, never for a confirmed or suppressed address', async () => {
      expect(await store.claimConfirmation('h', at(0), at(-86_400))).toBe(true);
      expect(await store.getSubscriber('h')).toEqual({
        emailHash: 'h',
        state: 'pending',
        createdAt: at(0),
        updatedAt: at(0),
        confirmationSentAt: at(0),
        confirmedAt: null,
      });
      expect(await store.claimConfirmation('h', at(10), at(10 - 86_400))).toBe(false);
      expect(await store.claimConfirmation('h', at(86_400), at(0))).toBe(true);
      expect(await store.setSubscriberState('h', ['pending'], 'confirmed', at(86_401))).toBe(true);
      expect(await store.getSubscriber('h')).toMatchObject({ state: 'confirmed', confirmedAt: at(86_401), createdAt: at(0) });
      expect(await store.claimConfirmation('h', at(999_999), at(999_999))).toBe(false);
      expect(await store.setSubscriberState('s', ['absent'], 'suppressed', at(0))).toBe(true);
      expect(await store.claimConfirmation('s', at(999_999), at(999_999))).toBe(false);
    });

    it('changes a subscriber only from the given states', async () => {
      expect(await store.setSubscriberState('h', ['pending'], 'confirmed', at(0))).toBe(false);
      expect(await store.getSubscriber('h')).toBeUndefined();
      await store.claimConfirmation('h', at(0), at(0));
      expect(await store.setSubscriberState('h', ['confirmed'], 'unsubscribed', at(1))).toBe(false);
      expect(await store.setSubscriberState('h', ['pending', 'confirmed'], 'unsubscribed', at(2))).toBe(true);
      expect(await store.getSubscriber('h')).toMatchObject({ state: 'unsubscribed', updatedAt: at(2), confirmationSentAt: at(0) });
    });

    it('claims a reply mail once per reply, up to the limit of the day, only for a confirmed address', async () => {
      const claim = (replyId: string, day = '2030-03-01') => store.claimReplyMail({ replyId, emailHash: 'h', day, limit: 2, expiresAt: 1 });
      expect(await claim('r1')).toBe('notConfirmed');
      await store.claimConfirmation('h', at(0), at(0));
      await store.setSubscriberState('h', ['pending'], 'confirmed', at(1));
      expect(await claim('r1')).toBe('claimed');
      expect(await claim('r1')).toBe('duplicate');
      expect(await claim('r2')).toBe('claimed');
      expect(await claim('r3')).toBe('overLimit');
      expect(await claim('r3', '2030-03-02')).toBe('claimed');
    });

    it('gives back a claimed mail: its mark and one of the day, and a confirmation claimed at that time only', async () => {
      await store.claimConfirmation('h', at(0), at(0));
      await store.setSubscriberState('h', ['pending'], 'confirmed', at(1));
      const request = (replyId: string) => ({ replyId, emailHash: 'h', day: 'd', limit: 1, expiresAt: 1 });
      expect(await store.claimReplyMail(request('r1'))).toBe('claimed');
      await store.releaseReplyMail(request('r1'));
      expect(await store.claimReplyMail(request('r1'))).toBe('claimed');
      expect(await store.claimReplyMail(request('r2'))).toBe('overLimit');

      expect(await store.claimConfirmation('p', at(0), at(-86_400))).toBe(true);
      await store.releaseConfirmation('p', at(-5));
      expect(await store.claimConfirmation('p', at(10), at(10 - 86_400))).toBe(false);
      await store.releaseConfirmation('p', at(0));
      expect(await store.claimConfirmation('p', at(10), at(10 - 86_400))).toBe(true);
    });

    it('forgetAuthor removes the subscriber and the given mail counts', async () => {
      await store.claimConfirmation('h', at(0), at(0));
      await store.setSubscriberState('h', ['pending'], 'confirmed', at(1));
      const claim = (replyId: string) => store.claimReplyMail({ replyId, emailHash: 'h', day: 'd', limit: 1, expiresAt: 1 });
      expect(await claim('r1')).toBe('claimed');
      await store.claimConfirmation('other', at(0), at(0));
      await store.forgetAuthor('h', ['mailquota:h:d']);
      expect(await store.getSubscriber('h')).toBeUndefined();
      expect(await store.getSubscriber('other')).toBeDefined();
      await store.setSubscriberState('h', ['absent'], 'confirmed', at(2));
      expect(await claim('r2')).toBe('claimed');
    });
  });
}
