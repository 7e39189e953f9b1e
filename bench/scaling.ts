/**
 * Section 2: scaling with data. Fills the tables step by step up to the
 * largest checkpoint (100,000 comments in a full run: 95 % approved across
 * 1,000 articles, the rest pending, spam and rejected) and, at every
 * checkpoint, reads one article's first page and the queue's first page
 * through the real service. The measured article and the queue's oldest
 * comments are written first, so every checkpoint reads the same 50
 * comments: any change in units or ScannedCount would come from table size.
 */
import type { CommentStatus } from '../lambda/domain/comment';
import { SyntheticComments, fill, random, type CommentSpec } from './data';
import { localDocumentClient } from './instrumented-client';
import { meteredService } from './service';
import { serviceTables } from './tables';

export interface PageReading {
  calls: Record<string, number>;
  scannedCount: number;
  returned: number;
  /** Units of the page's Query alone. */
  queryReadUnits: number;
  /** All units of the page (the queue also batch-reads each comment's email). */
  readUnits: number;
}

export interface ScalingRow {
  comments: number;
  /** Items in the two tables (comments, history, contacts, guards). */
  items: number;
  articlePage: PageReading;
  queuePage: PageReading;
}

/** One article grown to many comments: its first page and the last page of its cursor chain. */
export interface DeepArticleReading {
  articleId: string;
  comments: number;
  /** Pages walked, cursor by cursor, to reach the last one. */
  pages: number;
  firstPage: PageReading;
  lastPage: PageReading;
}

export interface ScalingResult {
  articleId: string;
  pageSize: number;
  articles: number;
  statuses: Record<CommentStatus, number>;
  fill: { comments: number; items: number; seconds: number; commentsPerSecond: number };
  rows: ScalingRow[];
  deepArticle?: DeepArticleReading;
}

const ARTICLE = 'article-0000';
const ARTICLES = 1_000;
const PAGE = 50;
/** Comments written first: the measured article's and the queue's first pages, plus spares. */
const SEEDED_APPROVED = 100;
const SEEDED_PENDING = 100;
const DEEP_ARTICLE = 'article-deep';

/** Status mix of the generated background comments. */
function status(draw: number): CommentStatus {
  if (draw < 0.95) return 'approved';
  if (draw < 0.97) return 'pending';
  if (draw < 0.99) return 'spam';
  return 'rejected';
}

export async function measureScaling(
  endpoint: string,
  prefix: string,
  checkpoints: number[],
  concurrency: number,
  log: (line: string) => void,
  deepArticleComments = 0,
): Promise<ScalingResult> {
  const tables = await serviceTables(endpoint, prefix);
  const raw = localDocumentClient(endpoint);
  const { service, meter } = meteredService(endpoint, tables.names, tables.labels);
  const synthetic = new SyntheticComments(tables.names);
  const draw = random(1);
  const base = Date.UTC(2026, 0, 1);
  const statuses: Record<CommentStatus, number> = { approved: 0, pending: 0, spam: 0, rejected: 0 };
  const article = () => `article-${String(Math.floor(draw() * ARTICLES)).padStart(4, '0')}`;
  const plan = (n: number): CommentSpec => {
    const createdAt = new Date(base + n * 1_000);
    const spec: CommentSpec =
      n < SEEDED_APPROVED
        ? { articleId: ARTICLE, status: 'approved', createdAt }
        : n < SEEDED_APPROVED + SEEDED_PENDING
          ? { articleId: article(), status: 'pending', createdAt }
          : { articleId: article(), status: status(draw()), createdAt };
    statuses[spec.status] += 1;
    return spec;
  };

  const rows: ScalingRow[] = [];
  const total = checkpoints[checkpoints.length - 1]!;
  let written = 0;
  let items = 0;
  let seconds = 0;
  for (const checkpoint of checkpoints) {
    const step = await fill(raw, { from: written, to: checkpoint }, (n) => synthetic.rows(n, plan(n)), {
      concurrency,
      onProgress: (p) =>
        log(
          `  fill: ${(written + p.comments).toLocaleString('en-US')} / ${total.toLocaleString('en-US')} comments, ${(items + p.items).toLocaleString('en-US')} items, ${Math.round(p.comments / p.seconds)} comments/s`,
        ),
    });
    written = checkpoint;
    items += step.items;
    seconds += step.seconds;
    // The page as a warm function serves it: the first reader after the cache time also reads the article and settings (section 1).
    await service.listPublished(ARTICLE, { limit: PAGE });
    const articlePage = await page(() => service.listPublished(ARTICLE, { limit: PAGE }));
    const queuePage = await page(() => service.listForModeration({ status: 'pending', limit: PAGE }));
    rows.push({ comments: checkpoint, items, articlePage, queuePage });
    log(
      `  ${checkpoint.toLocaleString('en-US')} comments: article page ${articlePage.readUnits} RCU (scanned ${articlePage.scannedCount}), queue page ${queuePage.readUnits} RCU (scanned ${queuePage.scannedCount})`,
    );
  }
  const deepArticle = deepArticleComments > 0 ? await deepCursor(written, deepArticleComments) : undefined;
  return {
    deepArticle,
    articleId: ARTICLE,
    pageSize: PAGE,
    articles: ARTICLES,
    statuses,
    fill: { comments: written, items, seconds, commentsPerSecond: Math.round(written / seconds) },
    rows,
  };

  /** Grows one article to `count` approved comments, then walks its cursor chain to the last page. */
  async function deepCursor(from: number, count: number): Promise<DeepArticleReading> {
    log(`  deep article: writing ${count.toLocaleString('en-US')} comments on ${DEEP_ARTICLE}`);
    const at = Date.UTC(2026, 6, 1);
    await fill(
      raw,
      { from, to: from + count },
      (n) => synthetic.rows(n, { articleId: DEEP_ARTICLE, status: 'approved', createdAt: new Date(at + n * 1_000) }),
      {
        concurrency,
      },
    );
    let pages = 1;
    let cursor: string | undefined;
    const firstPage = await page(async () => {
      cursor = (await service.listPublished(DEEP_ARTICLE, { limit: PAGE })).nextCursor ?? undefined;
    });
    let lastPage = firstPage;
    while (cursor) {
      const at: string = cursor;
      lastPage = await page(async () => {
        cursor = (await service.listPublished(DEEP_ARTICLE, { limit: PAGE, cursor: at })).nextCursor ?? undefined;
      });
      pages += 1;
    }
    log(
      `  deep article: ${pages} pages; first page ${firstPage.readUnits} RCU, last page ${lastPage.readUnits} RCU (scanned ${lastPage.scannedCount})`,
    );
    return { articleId: DEEP_ARTICLE, comments: count, pages, firstPage, lastPage };
  }

  async function page(read: () => Promise<unknown>): Promise<PageReading> {
    const { usage } = await meter.measure(read);
    return {
      calls: usage.calls,
      scannedCount: usage.scannedCount,
      returned: usage.returnedCount,
      queryReadUnits: Object.entries(usage.byTarget).reduce((n, [target, units]) => n + (target.includes('/') ? units.read : 0), 0),
      readUnits: usage.readUnits,
    };
  }
}
