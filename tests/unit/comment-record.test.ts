/** What a new comment is stored as, whether a reader posted it or an import brought it. */
import { describe, expect, it } from 'vitest';
import { type NewCommentParts, newCommentRecord } from '../../lambda/domain/comment-record';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { DEFAULT_SETTINGS } from '../../lambda/domain/settings';

const hasher = new KeyedHasher('0123456789abcdef0123');
const storedAt = new Date('2026-12-07T12:00:00.000Z');
const DAY_SECONDS = 86_400;

const parts = (overrides: Partial<NewCommentParts> = {}): NewCommentParts => ({
  comment: {
    id: 'c1',
    articleId: 'moving-in',
    parentId: null,
    author: 'Old Reader',
    url: null,
    comment: 'Written years ago on the old site.',
    status: 'approved',
    createdAt: '2019-03-01T10:00:00.000Z',
    reasons: [{ rule: 'import', message: 'imported from WordPress (comment 17)' }],
  },
  email: 'old.reader@example.com',
  emailHash: hasher.hash('email', 'old.reader@example.com'),
  actor: 'imported',
  storedAt,
  retention: DEFAULT_SETTINGS.retention,
  firstCommentOfArticle: false,
  ...overrides,
});

describe('a new comment record', () => {
  it('starts at version 1, last changed when written, with a history entry saying who put it where and why', () => {
    const { comment, history } = newCommentRecord(hasher, parts());
    expect(comment).toMatchObject({ version: 1, createdAt: '2019-03-01T10:00:00.000Z', updatedAt: '2019-03-01T10:00:00.000Z' });
    expect(history).toEqual({
      at: storedAt.toISOString(),
      actor: 'imported',
      from: null,
      to: 'approved',
      reason: 'imported from WordPress (comment 17)',
      rule: 'import',
    });
  });

  it('keeps spam for its retention counted from when it is stored here, not from when it was written', () => {
    const spam = parts({ comment: { ...parts().comment, status: 'spam' } });
    const { expiresAt } = newCommentRecord(hasher, spam);
    expect(expiresAt).toBe(storedAt.getTime() / 1000 + DEFAULT_SETTINGS.retention.spamDays! * DAY_SECONDS);
    expect(newCommentRecord(hasher, parts()).expiresAt).toBeNull();
  });

  it('guards against the same text by the same email or the same name; without an email by the name only', () => {
    const withEmail = newCommentRecord(hasher, parts()).contact.guardKeys;
    const withoutEmail = newCommentRecord(hasher, parts({ email: '', emailHash: hasher.hash('email', '') })).contact.guardKeys;
    expect(withEmail).toHaveLength(2);
    expect(withoutEmail).toEqual([withEmail[1]]);
  });

  it('takes flood locks only when asked to', () => {
    expect(newCommentRecord(hasher, parts())).toMatchObject({ floodKeys: [], floodMs: 0 });
    const posted = newCommentRecord(hasher, parts({ actor: 'system', flood: { keys: ['flood:email:x'], ms: 15_000 } }));
    expect(posted).toMatchObject({ floodKeys: ['flood:email:x'], floodMs: 15_000 });
  });
});
