/** Which stream records become mails: only approvals of replies, and requests of comments that are not spam. */
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { commentChangesOf } from '../../../lambda/adapters/dynamodb/comment-changes';
import { mailWork as mailWorkOfChanges } from '../../../lambda/handlers/mail-replies';

const mailWork = (event: DynamoDBStreamEvent) => mailWorkOfChanges(commentChangesOf(event));

const image = (fields: Record<string, string | boolean | undefined>) =>
  Object.fromEntries(
    Object.entries({ type: 'comment', articleId: 'a1', author: 'Bob', comment: 'Hi', ...fields })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'boolean' ? { BOOL: v } : { S: v }]),
  );

const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', now?: Record<string, any>, before?: Record<string, any>) =>
  ({ eventName, dynamodb: { NewImage: now, OldImage: before } }) as unknown as DynamoDBRecord;

describe('mailWork', () => {
  it('asks for confirmations for new comments with the box ticked, not for spam', () => {
    const work = mailWork({
      Records: [
        record('INSERT', image({ id: 'c1', status: 'pending', notifyReplies: true })),
        record('INSERT', image({ id: 'c2', status: 'spam', notifyReplies: true })),
        record('INSERT', image({ id: 'c3', status: 'pending' })),
        record('MODIFY', image({ id: 'c4', status: 'approved', notifyReplies: true }), image({ id: 'c4', status: 'pending' })),
      ],
    });
    expect(work.confirmations).toEqual(['c1']);
  });

  it('mails for replies that become approved, never pending ones, re-saved approved ones or top-level comments', () => {
    const work = mailWork({
      Records: [
        record('INSERT', image({ id: 'r1', parentId: 'p', status: 'pending' })),
        record('MODIFY', image({ id: 'r1', parentId: 'p', status: 'approved' }), image({ id: 'r1', parentId: 'p', status: 'pending' })),
        record('INSERT', image({ id: 'r2', parentId: 'p', status: 'approved' })),
        record('MODIFY', image({ id: 'r3', parentId: 'p', status: 'approved' }), image({ id: 'r3', parentId: 'p', status: 'approved' })),
        record('MODIFY', image({ id: 'top', status: 'approved' }), image({ id: 'top', status: 'pending' })),
        record('MODIFY', image({ id: 'r4', parentId: 'p', status: 'rejected' }), image({ id: 'r4', parentId: 'p', status: 'pending' })),
        record('REMOVE', undefined, image({ id: 'r5', parentId: 'p', status: 'approved' })),
        record('INSERT', { ...image({ id: 'h', parentId: 'p', status: 'approved' }), type: { S: 'history' } }),
      ],
    });
    expect(work.replies.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(work.replies[0]).toEqual({ id: 'r1', parentId: 'p', articleId: 'a1', author: 'Bob', comment: 'Hi' });
  });
});
