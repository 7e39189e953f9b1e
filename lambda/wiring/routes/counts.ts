/** The published-comment counts of up to 50 articles: one counter item each. */
import { dynamoDbCommentLists } from '../../adapters/dynamodb/comment-reads';
import { countComments } from '../../domain/use-cases/count-comments';
import { servicesFrom } from '../route-services';
import { storeContext } from '../stores';

export const countServices = servicesFrom(() => {
  const store = dynamoDbCommentLists(storeContext());
  /** `?articles=a,b,c` as sent: 1–50 article ids (422 otherwise). */
  return { countPublished: (articles: string | undefined) => countComments(store, articles) };
});
