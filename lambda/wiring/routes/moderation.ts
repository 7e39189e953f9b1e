/** A moderator's view of one comment, its history, and the approve / reject / spam / delete actions. */
import { dynamoDbAuthorStore } from '../../adapters/dynamodb/author-stats';
import { dynamoDbCommentReads } from '../../adapters/dynamodb/comment-reads';
import { dynamoDbModerationStore } from '../../adapters/dynamodb/moderation';
import { ModerateComment } from '../../domain/use-cases/moderate-comment';
import { EmfModerationMetrics } from '../observability';
import { servicesFrom } from '../route-services';
import { functionSettings, now } from '../settings';
import { storeContext } from '../stores';

export const moderationServices = servicesFrom(() => {
  const ctx = storeContext();
  const store = { ...dynamoDbCommentReads(ctx), ...dynamoDbModerationStore(ctx), ...dynamoDbAuthorStore(ctx) };
  return { moderation: new ModerateComment(store, functionSettings().settings, now, new EmfModerationMetrics()) };
});
