/** What the learner reads from the comments table's stream: arrivals with a triage record, and people's decisions only. */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { batchIdOf, learnerChangeOf, triageEventOf } from '../../../lambda/adapters/dynamodb/triage-events';

const comment = (fields: Record<string, unknown>) => ({
  type: 'comment',
  id: 'c1',
  articleId: 'a1',
  author: 'Ann Example',
  url: 'https://ann.example',
  comment: 'Thanks for the write-up',
  status: 'pending',
  createdAt: '2030-03-01T10:00:00.000Z',
  updatedAt: '2030-03-01T10:00:00.000Z',
  ...fields,
});
const image = (fields: Record<string, unknown>) => marshall(comment(fields), { removeUndefinedValues: true }) as never;
const record = (
  eventName: DynamoDBRecord['eventName'],
  before?: Record<string, unknown>,
  after?: Record<string, unknown>,
  eventID = '1',
): DynamoDBRecord => ({
  eventID,
  eventName,
  dynamodb: { ...(before ? { OldImage: image(before) } : {}), ...(after ? { NewImage: image(after) } : {}) },
});
const triage = { scores: { remove: 0.02, spam: 0.01 }, auto: 'published', audit: false, record: { approved: 3, rejected: 0, spam: 0 } };

describe('triage events from the stream', () => {
  it('reads a moderator reversing an automatic publish as a decision carrying the triage record, without the name', () => {
    const event = triageEventOf(
      record(
        'MODIFY',
        { status: 'approved', triage },
        { status: 'rejected', triage, moderatedBy: 'mod-1', updatedAt: '2030-03-02T09:00:00.000Z' },
      ),
    );
    expect(event).toEqual({
      kind: 'decided',
      at: '2030-03-02T09:00:00.000Z',
      decision: { text: 'Thanks for the write-up', url: 'https://ann.example', label: 'rejected', triage },
    });
    expect(JSON.stringify(event)).not.toContain('Ann Example');
  });

  it('reads a comment stored with a triage record as an arrival; one stored without it (imported) as nothing', () => {
    expect(triageEventOf(record('INSERT', undefined, { status: 'approved', triage }))).toEqual({
      kind: 'arrived',
      at: '2030-03-01T10:00:00.000Z',
      status: 'approved',
      triage,
    });
    expect(triageEventOf(record('INSERT', undefined, { status: 'approved' }))).toBeNull();
  });

  it('ignores the service holding a comment, writes that keep the status, and other items', () => {
    expect(triageEventOf(record('MODIFY', { status: 'approved' }, { status: 'pending', moderatedBy: 'system' }))).toBeNull();
    expect(
      triageEventOf(
        record('MODIFY', { status: 'approved', moderatedBy: 'mod-1' }, { status: 'approved', moderatedBy: 'mod-1', author: '[erased]' }),
      ),
    ).toBeNull();
    expect(triageEventOf(record('MODIFY', { status: 'approved' }, { status: 'pending', moderatedBy: 'mod-1' }))).toBeNull();
    expect(triageEventOf(record('REMOVE', { status: 'approved' }))).toBeNull();
    expect(
      triageEventOf(record('MODIFY', { type: 'article', status: 'x' }, { type: 'article', status: 'y', moderatedBy: 'mod-1' })),
    ).toBeNull();
  });

  it('teaches a decision on a comment stored before triage recorded anything, without scores', () => {
    const event = triageEventOf(record('MODIFY', { status: 'pending' }, { status: 'spam', moderatedBy: 'mod-1' }));
    expect(event).toMatchObject({ kind: 'decided', decision: { label: 'spam' } });
    expect(event?.kind === 'decided' && event.decision.triage).toBeFalsy();
  });

  it('names a batch by the writes it carries, so the same writes delivered again have the same name', () => {
    const write = (id: string, version: number) =>
      learnerChangeOf(
        record('MODIFY', { id, version, status: 'pending' }, { id, version: version + 1, status: 'approved', moderatedBy: 'mod-1' }),
      )!;
    expect(batchIdOf([write('a', 1), write('b', 1)])).toBe(batchIdOf([write('a', 1), write('b', 1)]));
    expect(batchIdOf([write('a', 1), write('b', 1)])).not.toBe(batchIdOf([write('a', 1), write('b', 2)]));
    expect(batchIdOf([write('a', 1), write('b', 1)])).not.toBe(batchIdOf([write('a', 1), write('c', 1)]));
    expect(batchIdOf([])).toBeUndefined();
  });
});
