/** The one stream reader: decodes a batch once, runs every deployed consumer on it, and retries only the ones that failed. */
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type CommentChange, commentChangesOf } from '../../lambda/adapters/dynamodb/comment-changes';
import { STREAM_CONSUMERS } from '../../lambda/background-functions';
import { consumersNamed, type LoadedConsumer, streamDispatcher } from '../../lambda/handlers/stream-dispatcher';

const S = (value: string) => ({ S: value });
const comment = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  type: S('comment'),
  id: S(id),
  articleId: S('story'),
  status: S(status),
  author: S('Ada'),
  comment: S('Text.'),
  version: { N: '2' },
  reasons: { L: [{ M: { rule: S('classifier'), message: S('Scored'), score: { N: '0.93' }, provider: S('akismet') } }] },
  ...extra,
});
let sequence = 0;
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', OldImage?: object, NewImage?: object): DynamoDBRecord =>
  ({ eventID: `e${++sequence}`, eventName, dynamodb: { SequenceNumber: String(sequence), OldImage, NewImage } }) as DynamoDBRecord;
const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

describe('comment changes', () => {
  it('decode each record into typed comments before and after, numbers and flags included, and leave other items out', () => {
    const changes = commentChangesOf(
      batch(
        record('MODIFY', comment('c1', 'pending'), comment('c1', 'approved', { moderatedBy: S('mod-sub'), notifyReplies: { BOOL: true } })),
        record('INSERT', undefined, { type: S('history'), id: S('h1') }),
        record('REMOVE', comment('c2', 'approved')),
      ),
    );
    expect(changes.map((c) => [c.kind, c.before?.id, c.after?.id])).toEqual([
      ['modify', 'c1', 'c1'],
      ['remove', 'c2', undefined],
    ]);
    const [moderated] = changes;
    expect(moderated!.after).toMatchObject({ status: 'approved', moderatedBy: 'mod-sub', notifyReplies: true, version: 2, parentId: null });
    expect(moderated!.before!.reasons).toEqual([{ rule: 'classifier', message: 'Scored', score: 0.93, provider: 'akismet' }]);
    expect(moderated!.before!.moderatedBy).toBeUndefined();
  });
});

describe('stream dispatcher', () => {
  const recording = (name: string, seen: Array<[string, number]>, fail = () => false): LoadedConsumer => ({
    name,
    run: async (changes: readonly CommentChange[]) => {
      seen.push([name, changes.length]);
      if (fail()) throw new Error(`${name} failed`);
    },
  });

  it('hands every consumer the same decoded changes of a batch', async () => {
    const seen: Array<[string, number]> = [];
    const dispatch = streamDispatcher(async () => [recording('A', seen), recording('B', seen)]);
    const result = await dispatch(
      batch(record('INSERT', undefined, comment('c1', 'pending')), record('INSERT', undefined, { type: S('flood') })),
    );
    expect(result).toEqual({ changes: 1, consumers: ['A', 'B'] });
    expect(seen).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
  });

  it('runs the others when one fails, fails the batch, and on the retry runs only the one that failed', async () => {
    const seen: Array<[string, number]> = [];
    let failures = 1;
    const dispatch = streamDispatcher(async () => [recording('Purge', seen), recording('Mail', seen, () => failures-- > 0)]);
    const event = batch(record('REMOVE', comment('c1', 'approved')));
    await expect(dispatch(event)).rejects.toThrow('Mail failed');
    expect(seen.map(([name]) => name).sort()).toEqual(['Mail', 'Purge']);
    seen.length = 0;
    expect(await dispatch(event)).toMatchObject({ consumers: ['Mail'] });
    expect(seen.map(([name]) => name)).toEqual(['Mail']);
    // A later batch runs everyone again.
    seen.length = 0;
    await dispatch(batch(record('REMOVE', comment('c2', 'approved'))));
    expect(seen.map(([name]) => name).sort()).toEqual(['Mail', 'Purge']);
  });

  it('hands a batch without comment changes on too, with its records, for consumers of other items', async () => {
    const seen: Array<[string, number]> = [];
    let records = 0;
    const dispatch = streamDispatcher(async () => [
      recording('A', seen),
      { name: 'OtherItems', run: async (_changes, event) => void (records += event.Records.length) },
    ]);
    expect(await dispatch(batch(record('INSERT', undefined, { type: S('triage') })))).toEqual({
      changes: 0,
      consumers: ['A', 'OtherItems'],
    });
    expect(seen).toEqual([['A', 0]]);
    expect(records).toBe(1);
    expect(await dispatch(batch())).toEqual({ changes: 0, consumers: [] });
  });

  it('loads the consumers the stack names from the one list, and refuses a name not in it', async () => {
    const names = STREAM_CONSUMERS.map((c) => c.name);
    const loaded = await consumersNamed(names.join(','))();
    expect(loaded.map((c) => c.name)).toEqual(names);
    expect(loaded.every((c) => typeof c.run === 'function')).toBe(true);
    await expect(consumersNamed('NotifyModerators,Nobody')()).rejects.toThrow('"Nobody"');
  });
});
