/**
 * The import pipeline: read the export (streaming), convert each comment,
 * store it through the import use case a few at a time, and tally the outcome. The
 * file is read only as fast as the writes complete, so memory stays flat
 * whatever its size. Past moderation decisions in the file (approved, spam,
 * trashed) are handed to the site's learned triage in batches.
 */
import type { ImportedComment, ImportOutcome } from '../../lambda/domain/imported-comment';
import type { KeyedHasher } from '../../lambda/domain/keyed-hash';
import type { DecidedExample, DecisionLabel, SiteLearner } from '../../lambda/domain/triage/learning';
import { ImportComment, type ImportStore } from '../../lambda/domain/use-cases/import-comment';
import type { ArticleIdMap } from './article-ids';
import { convert } from './convert';
import { prepareExport, readExport, type OpenChunks } from './read-export';
import type { ArticleIdSource } from './source-comment';
import { ImportSummary } from './summary';
import { codePointName, formatLocation, type Location, MalformedXml } from './xml-stream';

export interface ImportOptions {
  open: OpenChunks;
  store: ImportStore;
  hasher: KeyedHasher;
  dryRun?: boolean;
  articleIdFrom?: ArticleIdSource;
  /** Article ids chosen by hand, by link, slug, post or thread id. */
  articleIdMap?: ArticleIdMap;
  /** Drop characters XML forbids instead of stopping at the first. */
  lenient?: boolean;
  /** The site's learned triage; none: nothing is taught. */
  learner?: SiteLearner;
  /** Comments in flight at once (default 64: up to 12 go in one transaction). */
  concurrency?: number;
  /** Aborted (Ctrl-C): stop reading, finish the writes in flight, return the summary so far. */
  signal?: AbortSignal;
  /** Called after each entry, e.g. to redraw a progress counter. */
  onProgress?: (summary: ImportSummary) => void;
  now?: () => Date;
}

/** Comments written between two updates of the articles' published counters. */
const BATCH = 200;

export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const file = await prepareExport(options.open);
  const dryRun = options.dryRun ?? false;
  const summary = new ImportSummary(file.format, dryRun);
  for (const note of file.notes) summary.note(note);
  const importer = new ImportComment(options.store, options.hasher, { dryRun, now: options.now });
  const limit = Math.max(1, options.concurrency ?? 64);
  const inFlight = new Set<Promise<void>>();
  const seen = new Map<string, Location>();
  const lessons = new Lessons(options.learner, summary);
  let sinceFlush = 0;
  let writeError: unknown;

  const track = (work: Promise<void>) => {
    const tracked = work
      .catch((error: unknown) => {
        writeError ??= error;
      })
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const record = (imported: ImportedComment, notes: readonly string[], at: Location) => (outcome: ImportOutcome) => {
    if (outcome.kind === 'imported') {
      summary.imported += 1;
      for (const note of notes) summary.note(note);
      if (imported.status === 'approved' || imported.status === 'spam') lessons.add(imported.comment, imported.url, imported.status);
    } else if (outcome.kind === 'conflict') summary.bad.push({ at, sourceId: imported.sourceId, problem: outcome.problem });
    else tallyChange(summary, outcome);
    options.onProgress?.(summary);
  };

  try {
    const reading = readExport(file.open, file.format, options.articleIdFrom ?? 'slug', {
      encoding: file.encoding,
      lenient: options.lenient,
      articleIdMap: options.articleIdMap,
      onDropped: (codePoint) => summary.note(`character ${codePointName(codePoint)} (not allowed in XML) dropped (--lenient)`),
    });
    for await (const item of reading) {
      if (writeError || options.signal?.aborted) break;
      summary.read += 1;
      if (item.kind === 'bad') {
        summary.bad.push({ at: item.at, sourceId: item.sourceId, problem: item.problem });
        options.onProgress?.(summary);
        continue;
      }
      const source = item.comment;
      const result = convert(source);
      if (result.kind === 'bad') summary.bad.push({ at: source.at, sourceId: source.sourceId, problem: result.problem });
      else {
        const id = result.kind === 'skip' ? result.id : result.comment.id;
        const earlier = seen.get(id);
        if (earlier) {
          summary.bad.push({
            at: source.at,
            sourceId: source.sourceId,
            problem: `the same id is at ${formatLocation(earlier)} too: not imported twice`,
          });
          options.onProgress?.(summary);
          continue;
        }
        seen.set(id, source.at);
        if (result.kind === 'skip') {
          summary.skip(result.reason);
          if (result.text !== undefined) lessons.add(result.text, source.url, 'rejected');
          if (result.reason === 'trash' || result.reason === 'deleted')
            track(
              importer.remove(result.id, source.source, source.sourceId).then((outcome) => {
                if (outcome) tallyChange(summary, outcome);
              }),
            );
        } else {
          summary.articles.add(result.comment.articleId);
          if (source.articleClosed) track(importer.closeArticle(result.comment.articleId));
          track(importer.write(result.comment).then(record(result.comment, result.notes, source.at)));
          sinceFlush += 1;
          // The counters get what has been stored so far; the rest comes with a later flush.
          if (sinceFlush >= BATCH) {
            sinceFlush = 0;
            track(importer.flush());
          }
        }
      }
      if (inFlight.size >= limit) await Promise.race(inFlight);
      options.onProgress?.(summary);
    }
  } catch (error) {
    if (!(error instanceof MalformedXml)) throw error;
    summary.malformed = { at: error.at, sourceId: null, problem: error.reason };
  }
  await Promise.all(inFlight);
  await importer.flush();
  if (writeError) throw writeError;
  await lessons.finish();
  summary.interrupted = options.signal?.aborted ?? false;
  return summary;
}

function tallyChange(summary: ImportSummary, outcome: ImportOutcome): void {
  if (outcome.kind === 'updated') summary.change(`${outcome.from} → ${outcome.to}`);
  else if (outcome.kind === 'kept') summary.change(`${outcome.to} at the source, kept ${outcome.from} (a moderator here acted)`);
  else if (outcome.kind === 'moved') summary.change('moved to another article (the article ids changed)');
  else if (outcome.kind === 'already imported' || outcome.kind === 'duplicate') summary.skip(outcome.kind);
}

/** Examples per lesson: each is a load, a teach and a save of the site's model. */
const LESSON = 1_000;

/** Past decisions, taught to the site's model a batch at a time, one lesson after the other while the import goes on. */
class Lessons {
  private batch: DecidedExample[] = [];
  private lessons: Promise<void> = Promise.resolve();

  constructor(
    private readonly learner: SiteLearner | undefined,
    private readonly summary: ImportSummary,
  ) {}

  add(text: string, url: string | null, label: DecisionLabel): void {
    if (!this.learner || this.summary.dryRun) return;
    this.batch.push({ input: { text, url: url || null }, label, origin: 'import' });
    if (this.batch.length >= LESSON) this.next();
  }

  /** The lessons given so far, and the last one; rejects if one failed. */
  async finish(): Promise<void> {
    this.next();
    await this.lessons;
  }

  private next(): void {
    const learner = this.learner;
    if (!learner || this.batch.length === 0) return;
    const examples = this.batch;
    this.batch = [];
    this.lessons = this.lessons.then(async () => {
      const { taught } = await learner.teach(examples);
      for (const [label, count] of Object.entries(taught)) this.summary.taught[label as DecisionLabel] += count;
    });
    // A failed lesson is reported by finish(); until then it must not count as unhandled.
    this.lessons.catch(() => undefined);
  }
}
