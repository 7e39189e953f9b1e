/**
 * Keeps the benchmark's building blocks working (the metered client, the
 * transaction costing, the BatchWriteItem fill) on a small data set. No
 * timings: `npm run bench` measures; this only checks that it can.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { SyntheticComments, fill } from '../../bench/data';
import { localDocumentClient } from '../../bench/instrumented-client';
import { meteredService, submission } from '../../bench/service';
import { serviceTables, shadowTables } from '../../bench/tables';
import { TransactionShadow } from '../../bench/transaction-cost';
import { SWEEP_SIZES, sweepTransactionSizes } from '../../bench/transaction-sweep';
import { whyWritten } from '../../bench/write-reasons';

describe('benchmark building blocks', () => {
  it('meters an article page as one Query on a warm function, counts round trips, and prices a submission item by item', async () => {
    const endpoint = inject('dynamoDbEndpoint');
    const prefix = `b${randomBytes(4).toString('hex')}_`;
    const tables = await serviceTables(endpoint, prefix);
    const shadow = new TransactionShadow(localDocumentClient(endpoint), await shadowTables(endpoint, tables, `${prefix}shadow_`));
    const synthetic = new SyntheticComments(tables.names);
    const written = await fill(
      localDocumentClient(endpoint),
      { from: 0, to: 60 },
      (n) => synthetic.rows(n, { articleId: 'article-1', status: 'approved', createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1_000) }),
      { concurrency: 2 },
    );
    expect(written.comments).toBe(60);

    const { service, meter } = meteredService(endpoint, tables.names, tables.labels, shadow);
    // A fresh function reads the article and the settings (they say whether comments are open) beside the page,
    // in the same round trip; within the cache time it reads only the page.
    const cold = await meter.measure(() => service.listPublished('article-1', { limit: 50 }));
    expect(cold.usage.calls).toEqual({ Query: 1, GetItem: 2 });
    expect(cold.usage.roundTrips).toBe(1);
    const page = await meter.measure(() => service.listPublished('article-1', { limit: 50 }));
    expect(page.value.comments).toHaveLength(50);
    expect(page.value.commentsOpen).toBe(true);
    expect(page.usage.calls).toEqual({ Query: 1 });
    expect(page.usage.roundTrips).toBe(1);
    expect(page.usage.scannedCount).toBe(51);
    expect(page.usage.readUnits).toBeGreaterThan(0);
    expect(page.usage.readUnits).toBeLessThan(cold.usage.readUnits);

    // The article's first comment also records when commenting started: one more item (the article, 2 units).
    const first = await meter.measure(() => service.submit(submission('article-1')));
    expect(first.usage.transactItems.map((i) => `${i.item} ${i.awsWriteUnits}`)).toContain('article 2');

    // Warm (settings, article and the site's model cached): the bans of the email and of the address and the
    // author's counts the model reads, in one round trip, then the transaction.
    const submit = await meter.measure(() => service.submit(submission('article-1')));
    expect(submit.usage.calls).toEqual({ Query: 2, GetItem: 1, TransactWriteItems: 1 });
    expect(submit.usage.roundTrips).toBe(2);
    const items = submit.usage.transactItems;
    expect(items.map((i) => i.item)).toContain('comment');
    expect(submit.usage.writeUnits).toBe(items.reduce((n, i) => n + i.awsWriteUnits, 0));
    // Independently of how the meter adds up: AWS prices a transaction item under 1 KB at 2 write units for
    // its table plus 1 per index it enters. A pending comment enters the two moderation indexes and, as the
    // classifiers scored it, the risk index; the contact its email index; history and the four locks enter
    // none: 5 + 2 + 3 + 4 × 2 = 18.
    for (const i of items) expect(i.tableUnits, i.item).toBe(1);
    // The report says why each item is written; an item nobody can explain shows as such.
    for (const i of items) expect(whyWritten(i.item), i.item).not.toMatch(/no reason recorded/);
    expect(items.map((i) => `${i.item} ${i.awsWriteUnits}`).sort()).toEqual([
      'comment 5',
      'contact 3',
      'duplicate 2',
      'duplicate 2',
      'flood 2',
      'flood 2',
      'history 2',
    ]);
    expect(submit.usage.writeUnits).toBe(18);
  });

  it('times transactions of each size against a PutItem, every condition holding', async () => {
    const endpoint = inject('dynamoDbEndpoint');
    const tables = await serviceTables(endpoint, `s${randomBytes(4).toString('hex')}_`);
    const sweep = await sweepTransactionSizes(localDocumentClient(endpoint), tables.names.private, {
      concurrency: 2,
      seconds: 0.2,
      warmupSeconds: 0.05,
    });
    expect(sweep.rows.map((row) => row.items)).toEqual([...SWEEP_SIZES]);
    // Each transaction writes keys of its own: a reused key would fail its condition and count as a failure.
    for (const stats of [sweep.put, ...sweep.rows.map((row) => row.stats)]) {
      expect(stats.requests).toBeGreaterThan(0);
      expect(stats.failures).toBe(0);
    }
    for (const row of sweep.rows) expect(row.toPut).toBeGreaterThan(0);
  });
});
