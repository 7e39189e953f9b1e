/**
 * Synthetic comments, written with BatchWriteItem as the items the store
 * itself writes (items.ts): per comment the comment item, its history
 * entries, its private contact item and its two duplicate guards. Flood
 * locks (which expire) and per-author counters are left out.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { commentItem, contactItem, historyItem, ITEM_TYPE, keys } from '../lambda/adapters/dynamodb/items';
import type { Comment, CommentStatus } from '../lambda/domain/comment';
import { duplicateKeys } from '../lambda/domain/guards';
import { KeyedHasher } from '../lambda/domain/keyed-hash';
import { seededRandom } from '../lambda/domain/triage/site/random';

export interface TableNames {
  comments: string;
  private: string;
}

export interface WriteRow {
  table: string;
  item: Record<string, unknown>;
}

export interface CommentSpec {
  articleId: string;
  status: CommentStatus;
  createdAt: Date;
}

/** The project's seeded generator, so every run writes the same data. */
export const random = seededRandom;

const WORDS =
  'the a of to and in that article really think point about this why more people would government deal offer talks said news agree not sure but'.split(
    ' ',
  );

export class SyntheticComments {
  private readonly rand: () => number;
  private readonly hasher = new KeyedHasher('benchmark-hash-key-0123456789');

  constructor(
    private readonly tables: TableNames,
    seed = 42,
  ) {
    this.rand = random(seed);
  }

  /** Text of 40 to ~900 characters, most of them short, like real comments. */
  private text(n: number): string {
    const length = 40 + Math.floor(this.rand() ** 2 * 860);
    const words: string[] = [`#${n}`];
    let size = words[0]!.length;
    while (size < length) {
      const word = WORDS[Math.floor(this.rand() * WORDS.length)]!;
      words.push(word);
      size += word.length + 1;
    }
    return `${words.join(' ')}.`;
  }

  /** The items of comment number `n`, shaped as the store writes them. */
  rows(n: number, spec: CommentSpec): WriteRow[] {
    const id = `bench${String(n).padStart(10, '0')}`;
    const createdAt = spec.createdAt.toISOString();
    const moderated = spec.status !== 'pending';
    const updatedAt = moderated ? new Date(spec.createdAt.getTime() + 600_000).toISOString() : createdAt;
    const reader = Math.floor(this.rand() * 20_000);
    const email = `reader${reader}@example.com`;
    const emailHash = this.hasher.hash('email', email);
    const comment: Comment = {
      id,
      articleId: spec.articleId,
      parentId: null,
      author: `Reader ${reader}`,
      url: this.rand() < 0.1 ? `https://example.com/~reader${reader}` : null,
      comment: this.text(n),
      status: spec.status,
      createdAt,
      updatedAt,
      version: moderated ? 2 : 1,
      reasons: [],
    };
    const guardKeys = duplicateKeys(this.hasher, comment, emailHash, comment.author);
    const rows: WriteRow[] = [
      { table: this.tables.comments, item: { ...commentItem(comment), ...(moderated ? { moderatedBy: 'moderator-1' } : {}) } },
      {
        table: this.tables.comments,
        item: historyItem(id, 1, { at: createdAt, actor: 'system', from: null, to: 'pending', reason: null, rule: null }),
      },
      { table: this.tables.private, item: contactItem({ commentId: id, email, emailHash, guardKeys }, comment) },
      ...guardKeys.map((key) => ({
        table: this.tables.private,
        item: { ...keys.guard(key), type: ITEM_TYPE.duplicateGuard, commentId: id },
      })),
    ];
    if (moderated) {
      rows.push({
        table: this.tables.comments,
        item: historyItem(id, 2, { at: updatedAt, actor: 'moderator-1', from: 'pending', to: spec.status, reason: null, rule: null }),
      });
    }
    return rows;
  }
}

export interface FillProgress {
  comments: number;
  items: number;
  seconds: number;
}

/**
 * Writes comments `from` .. `to` - 1 with BatchWriteItem (25 items a call,
 * `concurrency` calls in flight), retrying unprocessed items with backoff.
 */
export async function fill(
  db: DynamoDBDocumentClient,
  range: { from: number; to: number },
  rowsOf: (n: number) => WriteRow[],
  options: { concurrency: number; onProgress?: (p: FillProgress) => void },
): Promise<FillProgress> {
  const started = performance.now();
  let next = range.from;
  let items = 0;
  let done = 0;
  let lastReport = started;
  const report = () => ({ comments: done, items, seconds: (performance.now() - started) / 1000 });

  // Each call carries whole comments (up to 25 items), so a counted comment is fully written.
  let carry: WriteRow[] | undefined;
  const take = (): { rows: WriteRow[]; comments: number } => {
    const rows: WriteRow[] = [];
    let comments = 0;
    for (;;) {
      const nextRows = carry ?? (next < range.to ? rowsOf(next++) : undefined);
      carry = undefined;
      if (!nextRows) break;
      if (rows.length + nextRows.length > 25) {
        carry = nextRows;
        break;
      }
      rows.push(...nextRows);
      comments += 1;
    }
    return { rows, comments };
  };

  async function worker() {
    for (;;) {
      const batch = take();
      if (batch.rows.length === 0) return;
      await writeBatch(db, batch.rows);
      items += batch.rows.length;
      done += batch.comments;
      if (options.onProgress && performance.now() - lastReport > 2_000) {
        lastReport = performance.now();
        options.onProgress(report());
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return report();
}

async function writeBatch(db: DynamoDBDocumentClient, rows: WriteRow[]): Promise<void> {
  let requests: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> = {};
  for (const row of rows) (requests[row.table] ??= []).push({ PutRequest: { Item: row.item } });
  for (let attempt = 0; Object.keys(requests).length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1_000, 25 * 2 ** attempt)));
    if (attempt > 10) throw new Error('BatchWriteItem kept returning unprocessed items');
    const result = await db.send(new BatchWriteCommand({ RequestItems: requests }));
    requests = (result.UnprocessedItems ?? {}) as typeof requests;
  }
}
