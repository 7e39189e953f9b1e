/** The queue-age function's one read: the oldest pending comment (a Query with Limit 1). */
import { dynamoDbCommentLists } from '../adapters/dynamodb/comment-reads';
import type { CommentLists } from '../domain/ports/comment-lists';
import { storeContext } from './stores';

let lists: CommentLists | undefined;

export const pendingQueue = (): Pick<CommentLists, 'oldestPendingAt'> => (lists ??= dynamoDbCommentLists(storeContext()));
