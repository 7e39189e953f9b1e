/**
 * Section 7: import. Generates a WordPress export of N comments at run time
 * (100 per post, a quarter of them replies, some replies before their
 * parents; 85 % approved, 10 % pending, 5 % spam; 1,000 distinct authors),
 * imports it into fresh tables on DynamoDB Local the way `npm run import`
 * does (same reader, same store, up to 8 writes in flight: one article at a time, articles in parallel), and imports it again
 * (idempotency: nothing new). Write units by AWS's transaction rules come
 * from a metered sample imported one at a time (replaying each transaction
 * item costs time, so not all N are metered).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { DynamoDbCommentStore } from '../lambda/adapters/dynamodb/comment-store';
import { KeyedHasher } from '../lambda/domain/keyed-hash';
import { runImport } from '../scripts/import/run-import';
import { CapacityMeter, instrument, localDocumentClient } from './instrumented-client';
import { round } from './stats';
import { serviceTables, shadowTables } from './tables';
import { TransactionShadow } from './transaction-cost';

export interface ImportBenchResult {
  comments: number;
  fileBytes: number;
  concurrency: number;
  seconds: number;
  commentsPerSecond: number;
  imported: number;
  /** The same file again: every comment found already imported. */
  reimportSeconds: number;
  reimportStoredNew: number;
  /** Metered sample: write and read units per imported comment, by AWS's rules. */
  sampleComments: number;
  writeUnitsPerComment: number;
  readUnitsPerComment: number;
  /** Per-comment units × comments. */
  estimatedWriteUnits: number;
  writeUnitsByItem: Record<string, number>;
}

const CONCURRENCY = 8;
const hasher = new KeyedHasher('benchmark-hash-key-0123456789');

export async function measureImport(
  endpoint: string,
  sizes: { comments: number; sample: number },
  log: (line: string) => void,
): Promise<ImportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  try {
    const file = join(dir, 'export.xml');
    await writeExport(file, sizes.comments);
    const sample = join(dir, 'sample.xml');
    await writeExport(sample, sizes.sample);

    const tables = await serviceTables(endpoint, 'imp_');
    const db = localDocumentClient(endpoint);
    const store = new DynamoDbCommentStore(db, tables.names);
    const open = () => createReadStream(file);
    log(`  importing ${sizes.comments.toLocaleString('en-US')} comments (up to ${CONCURRENCY} writes in flight, one per article)`);
    let started = performance.now();
    const first = await runImport({ open, store, hasher, concurrency: CONCURRENCY });
    const seconds = (performance.now() - started) / 1000;
    started = performance.now();
    const again = await runImport({ open, store, hasher, concurrency: CONCURRENCY });
    const reimportSeconds = (performance.now() - started) / 1000;

    log(`  metering a sample of ${sizes.sample} comments, one at a time`);
    const sampleTables = await serviceTables(endpoint, 'imps_');
    const shadow = new TransactionShadow(localDocumentClient(endpoint), await shadowTables(endpoint, sampleTables, 'impshadow_'));
    const meter = new CapacityMeter();
    const metered = instrument(localDocumentClient(endpoint), meter, { labels: sampleTables.labels, shadow });
    const { value: sampled, usage } = await meter.measure(() =>
      runImport({
        open: () => createReadStream(sample),
        store: new DynamoDbCommentStore(metered, sampleTables.names),
        hasher,
        concurrency: 1,
      }),
    );
    const byItem: Record<string, number> = {};
    for (const item of usage.transactItems) byItem[item.item] = (byItem[item.item] ?? 0) + item.awsWriteUnits;
    const perComment = usage.writeUnits / sampled.imported;
    return {
      comments: sizes.comments,
      fileBytes: statSync(file).size,
      concurrency: CONCURRENCY,
      seconds: round(seconds),
      commentsPerSecond: Math.round(first.imported / seconds),
      imported: first.imported,
      reimportSeconds: round(reimportSeconds),
      reimportStoredNew: again.imported,
      sampleComments: sampled.imported,
      writeUnitsPerComment: round(perComment),
      readUnitsPerComment: round(usage.readUnits / sampled.imported),
      estimatedWriteUnits: Math.round(perComment * first.imported),
      writeUnitsByItem: Object.fromEntries(Object.entries(byItem).map(([item, units]) => [item, round(units / sampled.imported)])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A WXR 1.2 file of `count` comments, written as a stream. */
export async function writeExport(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url>\n',
  );
  const perPost = 100;
  for (let post = 0; post * perPost < count; post += 1) {
    await write(
      `<item><link>https://bench.example/post-${post}/</link><wp:post_id>${post + 1}</wp:post_id><wp:post_name>post-${post}</wp:post_name>\n`,
    );
    const first = post * perPost;
    const last = Math.min(count, first + perPost);
    for (let n = first; n < last; n += 1) {
      // Now and then a reply comes before its parent (comment n + 2 replies to n + 1).
      if (n % 8 === 6 && n + 1 < last) {
        await write(commentXml(n + 2, first));
        await write(commentXml(n + 1, first));
        n += 1;
      } else await write(commentXml(n + 1, first));
    }
    await write('</item>\n');
  }
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
}

function commentXml(id: number, firstOfPost: number): string {
  const n = id - 1;
  const status = n % 20 === 19 ? 'spam' : n % 10 === 9 ? '0' : '1';
  const parent = n % 4 === 3 && n - 1 >= firstOfPost ? id - 1 : 0;
  const date = new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString().replace('T', ' ').slice(0, 19);
  return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${n % 1000} &amp; friends]]></wp:comment_author>
<wp:comment_author_email>reader${n % 1000}@example.com</wp:comment_author_email><wp:comment_author_url>https://reader${n % 1000}.example</wp:comment_author_url>
<wp:comment_date_gmt>${date}</wp:comment_date_gmt><wp:comment_content><![CDATA[<p>Comment ${id}: the negotiations went nowhere&#8230; <a href="https://source.example/${id}">source</a>. A typical comment is a couple of sentences long, like this one.</p>]]></wp:comment_content>
<wp:comment_approved>${status}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`;
}
