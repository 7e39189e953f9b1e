/** Confirm and unsubscribe links (signed with the hash key), and suppression after a bounce or complaint. */
import { dynamoDbSubscriberStore } from '../../adapters/dynamodb/subscriptions';
import type { KeyedHasher } from '../../domain/keyed-hash';
import { Subscriptions } from '../../domain/reply-notifications/subscriptions';
import { SubscriptionTokens } from '../../domain/reply-notifications/tokens';
import { grantedHasher, servicesFrom } from '../route-services';
import { storeContext } from '../stores';

export const subscriptionsWith = (hasher: KeyedHasher): Subscriptions =>
  new Subscriptions({ store: dynamoDbSubscriberStore(storeContext()), hasher, tokens: new SubscriptionTokens(hasher) });

export const subscriptionServices = servicesFrom((keys) => ({ subscriptions: subscriptionsWith(grantedHasher(keys)) }));
