/**
 * What a reader's links and a mail provider's feedback do to a subscriber:
 * confirm (from a confirmation mail), unsubscribe (the page's button or a
 * mail client's one-click POST), suppress (a bounce or a complaint). Each
 * answers an outcome the HTTP layer turns into a small page.
 */
import type { SubscriberStore } from '../ports/subscriber-store';
import { normaliseEmail } from '../email';
import type { KeyedHasher } from '../keyed-hash';
import type { SubscriptionTokens, TokenCheck } from './tokens';

export type LinkOutcome =
  | 'confirmed'
  | 'alreadyConfirmed'
  | 'unsubscribed'
  | 'alreadyUnsubscribed'
  | 'unknown' // the address's data was erased, or it never asked
  | 'invalid'
  | 'expired';

export interface SubscriptionDeps {
  store: Pick<SubscriberStore, 'getSubscriber' | 'setSubscriberState'>;
  tokens: SubscriptionTokens;
  hasher: KeyedHasher;
  now?: () => Date;
}

export class Subscriptions {
  private readonly now: () => Date;

  constructor(private readonly deps: SubscriptionDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Whether an unsubscribe link is good, without changing anything (the page with the button). */
  async checkUnsubscribe(token: unknown): Promise<LinkOutcome | 'ready'> {
    const check = this.deps.tokens.verify(token, 'unsubscribe');
    if (!check.ok) return check.reason;
    const subscriber = await this.deps.store.getSubscriber(check.claims.emailHash);
    if (!subscriber) return 'unknown';
    return subscriber.state === 'confirmed' || subscriber.state === 'pending' ? 'ready' : 'alreadyUnsubscribed';
  }

  async confirm(token: unknown): Promise<LinkOutcome> {
    const check = this.deps.tokens.verify(token, 'confirm');
    if (!check.ok) return check.reason;
    const { store } = this.deps;
    const emailHash = check.claims.emailHash;
    if (await store.setSubscriberState(emailHash, ['pending'], 'confirmed', this.at())) return 'confirmed';
    const subscriber = await store.getSubscriber(emailHash);
    if (!subscriber) return 'unknown';
    // An unsubscribed or suppressed address is not re-subscribed by an old confirmation link.
    return subscriber.state === 'confirmed' ? 'alreadyConfirmed' : 'alreadyUnsubscribed';
  }

  async unsubscribe(token: unknown): Promise<LinkOutcome> {
    const check: TokenCheck = this.deps.tokens.verify(token, 'unsubscribe');
    if (!check.ok) return check.reason;
    const { store } = this.deps;
    const emailHash = check.claims.emailHash;
    if (await store.setSubscriberState(emailHash, ['pending', 'confirmed'], 'unsubscribed', this.at())) return 'unsubscribed';
    return (await store.getSubscriber(emailHash)) ? 'alreadyUnsubscribed' : 'unknown';
  }

  /** A hard bounce or a complaint: this address gets no mail again (a record is made if there was none). */
  async suppress(email: string): Promise<void> {
    const emailHash = this.deps.hasher.hash('email', normaliseEmail(email));
    await this.deps.store.setSubscriberState(emailHash, ['absent', 'pending', 'confirmed', 'unsubscribed'], 'suppressed', this.at());
  }

  private at(): string {
    return this.now().toISOString();
  }
}
