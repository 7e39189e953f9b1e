/** Importing a comment outlasts a store that is busy for a moment, and gives up on anything else at once. */
import { describe, expect, it } from 'vitest';
import type { ImportedComment } from '../../lambda/domain/imported-comment';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { ImportComment } from '../../lambda/domain/use-cases/import-comment';
import { memoryStore } from '../support/memory-store';

const imported: ImportedComment = {
  id: 'imported-1',
  parentId: null,
  articleId: 'moving-in',
  author: 'Old Reader',
  email: 'old.reader@example.com',
  url: null,
  comment: 'Written years ago on the old site.',
  status: 'approved',
  createdAt: '2019-03-01T10:00:00.000Z',
  source: 'wordpress',
  sourceId: '17',
};

/** A store whose next `failures` inserts throw `error`. */
function flakyStore(failures: number, error: () => unknown) {
  const store = memoryStore();
  const insert = store.insertComment.bind(store);
  let left = failures;
  store.insertComment = async (request) => {
    if (left > 0) {
      left -= 1;
      throw error();
    }
    return insert(request);
  };
  return store;
}

/** What DynamoDB (Local, here: a long wait for an item's lock) answers once the SDK's own retries are spent. */
const serverFault = () =>
  Object.assign(new Error('This action timed out because it too long waiting for a lock.'), {
    name: 'InternalServerError',
    $fault: 'server',
  });

describe('importing a comment', () => {
  it('retries a server-side fault and stores the comment once', async () => {
    const store = flakyStore(2, serverFault);
    const importer = new ImportComment(store, new KeyedHasher('0123456789abcdef0123'), { dryRun: false });
    expect(await importer.write(imported)).toEqual({ kind: 'imported' });
    expect((await store.getComment('imported-1'))?.status).toBe('approved');
  });

  it('gives up at once on a fault that retrying cannot cure', async () => {
    const refused = Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException', $fault: 'client' });
    const store = flakyStore(1, () => refused);
    const importer = new ImportComment(store, new KeyedHasher('0123456789abcdef0123'), { dryRun: false });
    await expect(importer.write(imported)).rejects.toBe(refused);
    expect(await store.getComment('imported-1')).toBeUndefined();
  });
});
