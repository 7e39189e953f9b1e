/**
 * Reads the comments table's stream for the learner: a comment stored with a
 * triage record (it arrived, and the gate decided or queued it), and a
 * person's decision (a moderator moved it to approved, rejected or spam).
 * Writes by the service itself (actor `system`: a report holding a comment)
 * are not decisions. Comments stored before triage recorded anything still
 * teach when a person decides them, without scores.
 */
import { createHash } from 'node:crypto';
import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { TriageEvent } from '../../domain/triage/triage-days';
import { labelOfStatus, TRIAGE_ATTRIBUTE, triageRecordOf } from '../../domain/triage/triage-record';
import { ITEM_TYPE } from './items';

/** The actor of the service's own status changes (history and moderatedBy). */
const SERVICE_ACTOR = 'system';

type Item = Record<string, unknown>;

function commentImage(image: Record<string, AttributeValue> | undefined): Item | undefined {
  if (!image) return undefined;
  const item = unmarshall(image as Record<string, SdkAttributeValue>);
  return item.type === ITEM_TYPE.comment ? item : undefined;
}

/** The learner's event in one stream record, or null when the record is none of its business. */
export function triageEventOf(record: DynamoDBRecord): TriageEvent | null {
  const before = commentImage(record.dynamodb?.OldImage);
  const after = commentImage(record.dynamodb?.NewImage);
  if (!after) return null;
  const triage = triageRecordOf(after[TRIAGE_ATTRIBUTE]);
  if (record.eventName === 'INSERT') {
    return triage ? { kind: 'arrived', at: String(after.createdAt), triage } : null;
  }
  if (record.eventName !== 'MODIFY' || !before || before.status === after.status) return null;
  const actor = after.moderatedBy;
  const label = labelOfStatus(String(after.status));
  if (typeof actor !== 'string' || !actor || actor === SERVICE_ACTOR || !label) return null;
  return {
    kind: 'decided',
    at: String(after.updatedAt),
    decision: {
      text: String(after.comment ?? ''),
      url: typeof after.url === 'string' && after.url ? after.url : null,
      label,
      ...(triage ? { triage } : {}),
    },
  };
}

/** The learner's events of a batch, in stream order. */
export const triageEventsOf = (event: DynamoDBStreamEvent): TriageEvent[] =>
  (event.Records ?? []).map(triageEventOf).filter((e): e is TriageEvent => e !== null);

/**
 * Names a batch by its records' event ids: the event source delivers a failed
 * batch again with the same records, so a batch already applied is known.
 */
export function batchIdOf(event: DynamoDBStreamEvent): string | undefined {
  const ids = (event.Records ?? []).map((r) => r.eventID ?? '').filter(Boolean);
  if (ids.length === 0) return undefined;
  return createHash('sha256').update(ids.join('\n')).digest('base64url').slice(0, 32);
}
