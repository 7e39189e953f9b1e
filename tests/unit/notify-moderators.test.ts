import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { notifyModerators } from '../../lambda/handlers/notify-moderators';

interface Sent {
  subject: string;
  message: string;
}

function harness() {
  const sent: Sent[] = [];
  const handler = notifyModerators(() => ({ publish: async (m) => void sent.push(m) }), 'https://comments.example/admin');
  return { sent, handler };
}

const S = (value: string) => ({ S: value });
function record(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  image: Record<string, string>,
  reasons: Array<{ rule: string; message: string }> = [],
): DynamoDBRecord {
  const NewImage = {
    type: S('comment'),
    ...Object.fromEntries(Object.entries(image).map(([k, v]) => [k, S(v)])),
    reasons: { L: reasons.map((r) => ({ M: { rule: S(r.rule), message: S(r.message) } })) },
  };
  return { eventName, dynamodb: eventName === 'REMOVE' ? { OldImage: NewImage } : { NewImage } } as DynamoDBRecord;
}
const pending = (id: string, articleId = 'article-1', extra: Record<string, string> = {}) =>
  record('INSERT', { id, articleId, status: 'pending', author: `Author ${id}`, comment: `Text of ${id}`, ...extra });
const event = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

describe('notify-moderators', () => {
  it('sends one digest per batch, counting per article and listing the first five', async () => {
    const { sent, handler } = harness();
    const records = [...Array.from({ length: 7 }, (_, i) => pending(`c${i}`, i < 5 ? 'busy-article' : 'quiet-article'))];
    expect(await handler(event(...records))).toEqual({ notified: 7 });
    expect(sent).toHaveLength(1);
    const [digest] = sent;
    expect(digest!.subject).toBe('[Comments] 7 new comments awaiting moderation');
    expect(digest!.message).toContain('busy-article: 5');
    expect(digest!.message).toContain('quiet-article: 2');
    for (const id of ['c0', 'c4']) expect(digest!.message).toContain(id);
    expect(digest!.message).not.toContain('c5 on');
    expect(digest!.message).toContain('https://comments.example/admin');
  });

  it('says why each comment was held', async () => {
    const { sent, handler } = harness();
    await handler(
      event(
        record('INSERT', { id: 'c1', articleId: 'a', status: 'pending', author: 'Ann', comment: 'x' }, [
          { rule: 'maxLinks', message: '3 links, limit 2' },
        ]),
      ),
    );
    expect(sent[0]!.message).toContain('(held: 3 links, limit 2)');
  });

  it('leaves out pending comments brought in by an import: they are old, and a site may bring thousands', async () => {
    const { sent, handler } = harness();
    const imported = record('INSERT', { id: 'old', articleId: 'a', status: 'pending', author: 'Old', comment: 'x' }, [
      { rule: 'import', message: 'imported from WordPress (comment 7)' },
    ]);
    expect(await handler(event(imported))).toEqual({ notified: 0 });
    expect(await handler(event(imported, pending('new')))).toEqual({ notified: 1 });
    expect(sent.map((digest) => digest.subject)).toEqual(['[Comments] 1 new comment awaiting moderation']);
  });

  it('ignores spam, changes, removals (TTL purges) and items that are not comments', async () => {
    const { sent, handler } = harness();
    const ignored = [
      record('INSERT', { id: 's1', articleId: 'a', status: 'spam', author: 'Bot', comment: 'buy' }),
      record('INSERT', { id: 'a1', articleId: 'a', status: 'approved', author: 'Ann', comment: 'hi' }),
      record('MODIFY', { id: 'p1', articleId: 'a', status: 'pending', author: 'Ann', comment: 'hi' }),
      record('REMOVE', { id: 'p2', articleId: 'a', status: 'pending', author: 'Ann', comment: 'hi' }),
      record('INSERT', { id: 'h1', articleId: 'a', status: 'pending', type: 'history', author: '', comment: '' }),
    ];
    expect(await handler(event(...ignored))).toEqual({ notified: 0 });
    expect(sent).toEqual([]);
  });

  it('never carries an email address, even one typed into a name or a comment', async () => {
    const { sent, handler } = harness();
    await handler(
      event(pending('c1', 'a', { author: 'mail me: someone@example.com', comment: 'Write to first.last+tag@mail.example.org please' })),
    );
    expect(sent[0]!.message).not.toMatch(/@/);
    expect(sent[0]!.message).toContain('[email hidden]');
  });

  it('shortens long comments to an excerpt', async () => {
    const { sent, handler } = harness();
    await handler(event(pending('c1', 'a', { comment: 'word '.repeat(500) })));
    const excerpt = sent[0]!.message.split('\n').find((line) => line.trim().startsWith('"'))!;
    expect([...excerpt.trim()].length).toBeLessThanOrEqual(142);
    expect(excerpt).toContain('…');
  });

  it('lets a failed publish fail the batch, so it is retried', async () => {
    const handler = notifyModerators(() => ({ publish: async () => Promise.reject(new Error('SNS down')) }));
    await expect(handler(event(pending('c1')))).rejects.toThrow('SNS down');
  });
});
