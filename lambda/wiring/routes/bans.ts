/** Banning a comment's author, listing and lifting bans. */
import { dynamoDbBanStore } from '../../adapters/dynamodb/bans';
import { dynamoDbCommentReads } from '../../adapters/dynamodb/comment-reads';
import { BanAdmin } from '../../domain/use-cases/bans';
import { servicesFrom } from '../route-services';
import { now } from '../settings';
import { storeContext } from '../stores';

export const banServices = servicesFrom(() => {
  const ctx = storeContext();
  return { bans: new BanAdmin({ ...dynamoDbBanStore(ctx), ...dynamoDbCommentReads(ctx) }, now) };
});
