/**
 * Reads the comments table's stream for the learner: a comment stored with a
 * triage record (it arrived, and the gate decided or queued it), and a
 * person's decision (a moderator moved it to approved, rejected or spam).
 * Writes by the service itself (actor `system`: a report holding a comment)
 * are not decisions. Comments stored before triage recorded anything still
 * teach when a person decides them, without scores.
 *
 * The learner reads changes of stored comments (`LearnerChange`), the shape
 * the stream dispatcher's decoded comment changes also have; `learnerChangeOf`
 * decodes a raw stream record into one.
 */
import { createHash } from 'node:crypto';
import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { TriageEvent } from '../../domain/triage/triage-days';
import { labelOfStatus, TRIAGE_ATTRIBUTE, type TriageRecord, triageRecordOf } from '../../domain/triage/triage-record';
import { ITEM_TYPE } from './items';

/** The actor of the service's own status changes (history and moderatedBy). */
const SERVICE_ACTOR = 'system';

/** What the learner reads of a stored comment. */
export interface LearnerComment {
  id: string;
  version: number;
  status: string;
  comment: string;
  url: string | null;
  createdAt: string;
  updatedAt: string;
  /** Who last moved it (moderation writes set it). */
  moderatedBy?: string;
  triage?: TriageRecord;
}

export interface LearnerChange {
  kind: 'insert' | 'modify' | 'remove';
  before?: LearnerComment;
  after?: LearnerComment;
}

function commentImage(image: Record<string, AttributeValue> | undefined): LearnerComment | undefined {
  if (!image) return undefined;
  const item = unmarshall(image as Record<string, SdkAttributeValue>);
  if (item.type !== ITEM_TYPE.comment) return undefined;
  const triage = triageRecordOf(item[TRIAGE_ATTRIBUTE]);
  return {
    id: String(item.id ?? ''),
    version: Number(item.version ?? 0),
    status: String(item.status ?? ''),
    comment: String(item.comment ?? ''),
    url: typeof item.url === 'string' && item.url ? item.url : null,
    createdAt: String(item.createdAt ?? ''),
    updatedAt: String(item.updatedAt ?? ''),
    ...(typeof item.moderatedBy === 'string' && item.moderatedBy ? { moderatedBy: item.moderatedBy } : {}),
    ...(triage ? { triage } : {}),
  };
}

const KINDS = { INSERT: 'insert', MODIFY: 'modify', REMOVE: 'remove' } as const;

/** A raw stream record as a change of a stored comment, or null for other items. */
export function learnerChangeOf(record: DynamoDBRecord): LearnerChange | null {
  const kind = record.eventName ? KINDS[record.eventName] : undefined;
  const before = commentImage(record.dynamodb?.OldImage);
  const after = commentImage(record.dynamodb?.NewImage);
  if (!kind || (!before && !after)) return null;
  return { kind, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

/** The learner's event in one change, or null when the change is none of its business. */
export function triageEventOfChange({ kind, before, after }: LearnerChange): TriageEvent | null {
  if (!after) return null;
  if (kind === 'insert') return after.triage ? { kind: 'arrived', at: after.createdAt, status: after.status, triage: after.triage } : null;
  if (kind !== 'modify' || !before || before.status === after.status) return null;
  const actor = after.moderatedBy;
  const label = labelOfStatus(after.status);
  if (!actor || actor === SERVICE_ACTOR || !label) return null;
  return {
    kind: 'decided',
    at: after.updatedAt,
    decision: { text: after.comment, url: after.url, label, ...(after.triage ? { triage: after.triage } : {}) },
  };
}

/** The learner's event in one raw stream record. */
export function triageEventOf(record: DynamoDBRecord): TriageEvent | null {
  const change = learnerChangeOf(record);
  return change ? triageEventOfChange(change) : null;
}

/**
 * Names a batch by the writes it carries (comment id, version, kind): a batch
 * delivered again holds the same writes, so a batch already applied is known.
 */
export function batchIdOf(changes: readonly LearnerChange[]): string | undefined {
  const writes = changes.map((c) => {
    const comment = c.after ?? c.before;
    return comment ? `${c.kind}:${comment.id}:${comment.version}` : '';
  });
  if (writes.every((w) => !w)) return undefined;
  return createHash('sha256').update(writes.join('\n')).digest('base64url').slice(0, 32);
}
