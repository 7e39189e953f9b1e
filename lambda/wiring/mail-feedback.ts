/** The bounce and complaint handler's service: suppression of an address by its keyed hash. */
import { KeyedHasher } from '../domain/keyed-hash';
import { secretKey } from './keys';
import { onceUntilFailure } from './once';
import { subscriptionsWith } from './routes/subscriptions';

export const subscriptionsFromEnvironment = onceUntilFailure(async () => subscriptionsWith(new KeyedHasher(await secretKey('HASH_KEY'))));
