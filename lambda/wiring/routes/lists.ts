/** The public and the moderators' comment lists: the list reads and the Reported list. */
import { dynamoDbCommentLists } from '../../adapters/dynamodb/comment-reads';
import { dynamoDbReportStore } from '../../adapters/dynamodb/reports';
import { ListComments } from '../../domain/use-cases/list-comments';
import { servicesFrom } from '../route-services';
import { functionSettings, now } from '../settings';
import { storeContext } from '../stores';

export const listServices = servicesFrom(({ hasher, cursors }) => {
  const { settings, articles } = functionSettings();
  const store = { ...dynamoDbCommentLists(storeContext()), ...dynamoDbReportStore(storeContext()) };
  return { lists: new ListComments(store, cursors, settings, articles, now, hasher) };
});
