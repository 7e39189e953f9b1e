/**
 * What the learner's store must do, run against the DynamoDB items on
 * DynamoDB Local and against the in-memory store the unit tests use: a new
 * site has no model, a save builds only on the version it loaded, the bytes
 * come back exactly as saved, and a batch (model, counters, marker) is
 * applied whole, once, or not at all.
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { keys } from '../../lambda/adapters/dynamodb/items';
import { DynamoDbTriageStore } from '../../lambda/adapters/dynamodb/triage-store';
import type { TriageStore } from '../../lambda/domain/ports/triage-store';
import { ensureTables } from '../../scripts/local/tables';
import { InMemoryTriageStore } from '../support/memory-site-model-store';

const bytesOf = (...values: number[]) => Uint8Array.from(values);
const taught = (spam: number) => ({
  examples: { approved: 0, rejected: 0, spam },
  byOrigin: { moderator: spam, audit: 0, reversal: 0, import: 0 },
});

function siteModelStoreContract(name: string, open: () => Promise<{ fresh: () => TriageStore; close: () => Promise<void> }>) {
  describe(`site-model store: ${name}`, () => {
    let opened: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(() => opened.close());

    it('has no model for a new site', async () => {
      expect(await opened.fresh().load()).toBeNull();
    });

    it('gives back the saved bytes, every byte value included, at version 1', async () => {
      const store = opened.fresh();
      const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
      expect(await store.save(bytes, null)).toBe(true);
      const loaded = await store.load();
      expect(loaded?.version).toBe(1);
      expect([...(loaded?.bytes ?? [])]).toEqual([...bytes]);
    });

    it('keeps the version readable without the bytes: none for a new site, then every save’s and every batch’s', async () => {
      const store = opened.fresh();
      expect(await store.version()).toBeNull();
      expect(await store.save(bytesOf(1), null)).toBe(true);
      expect(await store.version()).toBe(1);
      expect(await store.save(bytesOf(2), null)).toBe(false);
      expect(await store.version()).toBe(1);
      expect(await store.commit({ model: { bytes: bytesOf(3), expected: 1, taught: taught(1) }, days: {}, batchId: 'v1' })).toBe(
        'committed',
      );
      expect(await store.version()).toBe(2);
      expect(await store.commit({ model: null, days: { '2030-03-01': { queued: 1 } } })).toBe('committed');
      expect(await store.version()).toBe((await store.load())?.version);
    });

    it('refuses a save on a version other than the stored one, and keeps the stored bytes', async () => {
      const store = opened.fresh();
      expect(await store.save(bytesOf(1), null)).toBe(true);
      expect(await store.save(bytesOf(2), 1)).toBe(true);
      // A learner that loaded version 1 (or nothing) before the save above lost the race.
      expect(await store.save(bytesOf(3), 1)).toBe(false);
      expect(await store.save(bytesOf(4), null)).toBe(false);
      const loaded = await store.load();
      expect(loaded?.version).toBe(2);
      expect([...(loaded?.bytes ?? [])]).toEqual([2]);
    });

    it('lets exactly one of two racing saves on the same version through', async () => {
      const store = opened.fresh();
      const results = await Promise.all([store.save(bytesOf(10), null), store.save(bytesOf(20), null)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const loaded = await store.load();
      expect(loaded?.version).toBe(1);
      expect([...(loaded?.bytes ?? [])]).toEqual(results[0] ? [10] : [20]);
    });

    it('applies a batch once: the same batch again changes neither the model nor the counters', async () => {
      const store = opened.fresh();
      const batch = {
        model: { bytes: bytesOf(1), expected: null, taught: taught(1) },
        days: { '2030-03-01': { queued: 2, taughtSpam: 1 } },
        batchId: 'b1',
      };
      expect(await store.commit(batch)).toBe('committed');
      expect(await store.commit({ ...batch, model: { bytes: bytesOf(9), expected: 1, taught: taught(9) } })).toBe('duplicate');
      expect((await store.load())?.version).toBe(1);
      expect(await store.modelSummary()).toMatchObject({ version: 1, examples: { spam: 1 }, byOrigin: { moderator: 1 } });
      const [day] = await store.days('2030-03-01', '2030-03-01');
      expect(day?.counts.queued).toBe(2);
      expect(day?.counts.taughtSpam).toBe(1);
    });

    it('writes no counter and no marker when the model save loses a race, so the batch can be retried', async () => {
      const store = opened.fresh();
      expect(await store.save(bytesOf(1), null)).toBe(true);
      const stale = {
        model: { bytes: bytesOf(2), expected: null, taught: taught(2) },
        days: { '2030-03-01': { autoPublished: 1 } },
        batchId: 'b2',
      };
      expect(await store.commit(stale)).toBe('conflict');
      expect(await store.days('2030-03-01', '2030-03-01')).toEqual([]);
      expect(await store.commit({ ...stale, model: { bytes: bytesOf(2), expected: 1, taught: taught(2) } })).toBe('committed');
      expect((await store.days('2030-03-01', '2030-03-01'))[0]?.counts.autoPublished).toBe(1);
    });

    it('adds counters of batches without a model change, and reads a window of days oldest first', async () => {
      const store = opened.fresh();
      expect(await store.commit({ model: null, days: { '2030-03-02': { queued: 1 }, '2030-02-27': { audits: 1 } } })).toBe('committed');
      expect(await store.commit({ model: null, days: { '2030-03-02': { queued: 2 }, '2030-04-01': { queued: 5 } } })).toBe('committed');
      expect(await store.load()).toBeNull();
      expect(await store.modelSummary()).toBeNull();
      const days = await store.days('2030-02-28', '2030-03-31');
      expect(days.map((d) => [d.day, d.counts.queued])).toEqual([['2030-03-02', 3]]);
      expect((await store.days('2030-02-01', '2030-04-30')).map((d) => d.day)).toEqual(['2030-02-27', '2030-03-02', '2030-04-01']);
    });
  });
}

siteModelStoreContract('DynamoDB on DynamoDB Local', async () => {
  const endpoint = inject('dynamoDbEndpoint');
  const db = createDocumentClient(endpoint);
  const created: string[] = [];
  return {
    // The item has a fixed key, so every case gets tables of its own.
    fresh: () => {
      const prefix = `sm${randomBytes(4).toString('hex')}_`;
      const ready = ensureTables(endpoint, prefix).then((names) => {
        created.push(...Object.values(names));
        return new DynamoDbTriageStore({ db, tables: { comments: names.Comments!, private: names.Private! } });
      });
      return {
        load: async () => (await ready).load(),
        version: async () => (await ready).version(),
        save: async (bytes, expected) => (await ready).save(bytes, expected),
        commit: async (change) => (await ready).commit(change),
        days: async (from, to) => (await ready).days(from, to),
        modelSummary: async () => (await ready).modelSummary(),
      };
    },
    close: async () => {
      for (const table of created) await db.send(new DeleteTableCommand({ TableName: table }));
      db.destroy();
    },
  };
});

siteModelStoreContract('in memory', async () => ({ fresh: () => new InMemoryTriageStore(), close: async () => {} }));

describe('the DynamoDB items', () => {
  it('give each day counter an expiry 90 days after its day, and each batch marker one after the stream’s retention', async () => {
    const endpoint = inject('dynamoDbEndpoint');
    const names = await ensureTables(endpoint, `sx${randomBytes(4).toString('hex')}_`);
    const db = createDocumentClient(endpoint);
    try {
      const store = new DynamoDbTriageStore({ db, tables: { comments: names.Comments!, private: names.Private! } });
      expect(await store.commit({ model: null, days: { '2030-03-01': { queued: 1 } }, batchId: 'expiring' })).toBe('committed');
      const day = (await db.send(new GetCommand({ TableName: names.Comments!, Key: keys.triageDay('2030-03-01') }))).Item;
      expect(day?.expiresAt).toBe(Date.parse('2030-05-30T00:00:00.000Z') / 1000);
      const marker = (await db.send(new GetCommand({ TableName: names.Comments!, Key: keys.triageBatch('expiring') }))).Item;
      const hoursLeft = (Number(marker?.expiresAt) - Date.now() / 1000) / 3600;
      expect(hoursLeft).toBeGreaterThan(24);
      expect(hoursLeft).toBeLessThanOrEqual(48);
    } finally {
      for (const table of Object.values(names)) await db.send(new DeleteTableCommand({ TableName: table }));
      db.destroy();
    }
  });
});
