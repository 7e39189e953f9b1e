/**
 * What a SiteModelStore must do, run against the DynamoDB item on DynamoDB
 * Local and against the in-memory store the unit tests use: a new site has no
 * model, a save builds only on the version it loaded, and the bytes come back
 * exactly as saved.
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { DynamoDbSiteModelStore } from '../../lambda/adapters/dynamodb/site-model-store';
import type { SiteModelStore } from '../../lambda/domain/triage/learning';
import { ensureTables } from '../../scripts/local/tables';
import { InMemorySiteModelStore } from '../support/memory-site-model-store';

const bytesOf = (...values: number[]) => Uint8Array.from(values);

function siteModelStoreContract(name: string, open: () => Promise<{ fresh: () => SiteModelStore; close: () => Promise<void> }>) {
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
      let store: DynamoDbSiteModelStore | undefined;
      const ready = ensureTables(endpoint, prefix).then((names) => {
        created.push(...Object.values(names));
        store = new DynamoDbSiteModelStore({ db, tables: { comments: names.Comments!, private: names.Private! } });
        return store;
      });
      return {
        load: async () => (await ready).load(),
        save: async (bytes, expected) => (await ready).save(bytes, expected),
      };
    },
    close: async () => {
      for (const table of created) await db.send(new DeleteTableCommand({ TableName: table }));
      db.destroy();
    },
  };
});

siteModelStoreContract('in memory', async () => ({ fresh: () => new InMemorySiteModelStore(), close: async () => {} }));
