/**
 * Decodes the comments table's stream records once, into typed changes of
 * comment items. Stream consumers read these, never attribute strings: the
 * item layout (items.ts) stays this adapter's business. Records of other
 * items (counters, reports, settings) are left out.
 */
import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Comment } from '../../domain/comment';
import { commentFromItem, ITEM_TYPE } from './items';

/** A comment as stored, with the item attributes consumers act on beyond the domain's Comment. */
export interface StoredComment extends Comment {
  /** Set by a moderator's decision: who made it. */
  moderatedBy?: string;
  /** The author asked to be mailed replies. */
  notifyReplies?: boolean;
}

export interface CommentChange {
  kind: 'insert' | 'modify' | 'remove';
  /** The comment before the write; absent on insert. */
  before?: StoredComment;
  /** The comment after the write; absent on remove. */
  after?: StoredComment;
}

type Image = Record<string, AttributeValue>;

function storedComment(image: Image | undefined): StoredComment | undefined {
  if (!image) return undefined;
  // The Lambda event's attribute values have the wire shape the SDK's unmarshall reads.
  const item = unmarshall(image as Record<string, SdkAttributeValue>);
  if (item.type !== ITEM_TYPE.comment) return undefined;
  return {
    ...commentFromItem(item),
    ...(typeof item.moderatedBy === 'string' && item.moderatedBy ? { moderatedBy: item.moderatedBy } : {}),
    ...(item.notifyReplies === true ? { notifyReplies: true } : {}),
  };
}

const KINDS = { INSERT: 'insert', MODIFY: 'modify', REMOVE: 'remove' } as const;

/** The change one record makes to a comment, or null for other items and records without images. */
export function commentChangeOf(record: DynamoDBRecord): CommentChange | null {
  const kind = record.eventName ? KINDS[record.eventName] : undefined;
  if (!kind) return null;
  const before = storedComment(record.dynamodb?.OldImage as Image | undefined);
  const after = storedComment(record.dynamodb?.NewImage as Image | undefined);
  if (!before && !after) return null;
  return { kind, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

/** The comment changes of a batch, in stream order. */
export function commentChangesOf(event: DynamoDBStreamEvent): CommentChange[] {
  return (event.Records ?? []).map(commentChangeOf).filter((c): c is CommentChange => c !== null);
}
