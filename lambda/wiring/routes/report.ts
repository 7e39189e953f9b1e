/** A reader's report of a published comment (keyed by the reader's address: the hash key). */
import { dynamoDbCommentReads } from '../../adapters/dynamodb/comment-reads';
import { dynamoDbReportStore } from '../../adapters/dynamodb/reports';
import { ReportComment } from '../../domain/use-cases/report-comment';
import { EmfModerationMetrics } from '../observability';
import { grantedHasher, servicesFrom } from '../route-services';
import { functionSettings, now } from '../settings';
import { storeContext } from '../stores';

export const reportServices = servicesFrom((keys) => {
  const ctx = storeContext();
  const store = { ...dynamoDbCommentReads(ctx), ...dynamoDbReportStore(ctx) };
  return { reporting: new ReportComment(store, grantedHasher(keys), functionSettings().settings, now, new EmfModerationMetrics()) };
});
