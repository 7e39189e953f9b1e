/** The brief settings cache of the CommentService, with an injected clock and a fake store. */
import { describe, expect, it } from 'vitest';
import { CommentService } from '../../lambda/domain/comment-service';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { DEFAULT_SETTINGS, type SiteSettings } from '../../lambda/domain/settings';
import type { NewCommentRecord } from '../../lambda/domain/ports/store-records';
import type { ServiceStores } from '../../lambda/domain/use-cases/deps';

function fakeStore() {
  let settings: SiteSettings = { ...DEFAULT_SETTINGS };
  const inserted: NewCommentRecord[] = [];
  let reads = 0;
  const store = {
    getSettings: async () => {
      reads += 1;
      return settings;
    },
    putSettings: async (next: SiteSettings) => void (settings = next),
    getArticle: async () => undefined,
    getAuthorRecord: async () => ({ approved: 0, rejected: 0, spam: 0 }),
    insertComment: async (record: NewCommentRecord) => void inserted.push(record),
    findBans: async () => [],
  } as unknown as ServiceStores;
  return {
    store,
    inserted,
    reads: () => reads,
    changeBehindTheCache: (patch: Partial<SiteSettings>) => void (settings = { ...settings, ...patch }),
  };
}

let time = Date.parse('2030-01-01T00:00:00Z');
const setup = (settingsCacheMs: number) => {
  const fake = fakeStore();
  const service = new CommentService({
    store: fake.store,
    hasher: new KeyedHasher('0123456789abcdef0123'),
    now: () => new Date(time),
    settingsCacheMs,
  });
  const submit = () =>
    service.submit({
      articleId: 'a',
      input: { comment: `A fair point, ${time.toString(36)}.`, author: 'Ann', email: 'ann@example.com' },
      clientIp: null,
    });
  return { ...fake, service, submit };
};

describe('settings cache', () => {
  it('reuses settings for settingsCacheMs, then reads them again', async () => {
    const { submit, reads, changeBehindTheCache } = setup(5000);
    expect((await submit()).created).toBe(false);
    changeBehindTheCache({ premoderation: false });
    time += 4999;
    expect((await submit()).created).toBe(false);
    expect(reads()).toBe(1);
    time += 1;
    expect((await submit()).created).toBe(true);
    expect(reads()).toBe(2);
  });

  it('reads them every time with 0 (the local runtime)', async () => {
    const { submit, reads, changeBehindTheCache } = setup(0);
    await submit();
    changeBehindTheCache({ premoderation: false });
    expect((await submit()).created).toBe(true);
    expect(reads()).toBe(2);
  });

  it('applies a change made through this service at once', async () => {
    const { service, submit } = setup(60_000);
    await submit();
    await service.updateSettings({ premoderation: false });
    expect((await submit()).created).toBe(true);
  });

  it('passes the current flood window and the retention of the decided status to the store', async () => {
    const { service, inserted } = setup(0);
    await service.updateSettings({ floodSeconds: 30, retention: { spamDays: 2 } });
    await service.submit({
      articleId: 'a',
      input: { comment: 'x', author: 'Bot', email: 'bot@example.com', website_confirm: 'y' },
      clientIp: '203.0.113.9',
    });
    const record = inserted.at(-1)!;
    expect(record.floodMs).toBe(30_000);
    expect(record.floodKeys).toHaveLength(2);
    expect(record.comment.status).toBe('spam');
    expect(record.expiresAt).toBe(Math.ceil(time / 1000) + 2 * 86_400);
  });
});
