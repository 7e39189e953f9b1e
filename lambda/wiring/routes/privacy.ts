/** Privacy requests: export and erase what is stored of one email address (found by its keyed hash). */
import { dynamoDbAuthorStore } from '../../adapters/dynamodb/author-stats';
import { dynamoDbBanStore } from '../../adapters/dynamodb/bans';
import { dynamoDbCommentReads } from '../../adapters/dynamodb/comment-reads';
import { dynamoDbModerationStore } from '../../adapters/dynamodb/moderation';
import { dynamoDbPrivacyStore } from '../../adapters/dynamodb/privacy';
import { dynamoDbSettingsStore } from '../../adapters/dynamodb/site-settings';
import { dynamoDbSubscriberStore } from '../../adapters/dynamodb/subscriptions';
import { PrivacyService } from '../../domain/privacy-service';
import { grantedHasher, servicesFrom } from '../route-services';
import { storeContext } from '../stores';

export const privacyServices = servicesFrom((keys) => {
  const ctx = storeContext();
  const store = {
    ...dynamoDbPrivacyStore(ctx),
    ...dynamoDbAuthorStore(ctx),
    ...dynamoDbCommentReads(ctx),
    ...dynamoDbModerationStore(ctx),
    ...dynamoDbBanStore(ctx),
    ...dynamoDbSettingsStore(ctx),
    ...dynamoDbSubscriberStore(ctx),
  };
  return { privacy: new PrivacyService({ store, hasher: grantedHasher(keys) }) };
});
