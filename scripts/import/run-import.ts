/**
 * The import pipeline: read the export (streaming), convert each comment,
 * write it through the store a few at a time, and tally the outcome. The
 * file is read only as fast as the writes complete, so memory stays flat
 * whatever its size.
 */
import type { CommentStore } from '../../lambda/ports/comment-store';
import type { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { convert } from './convert';
import { prepareExport, readExport, type OpenChunks } from './read-export';
import type { ArticleIdSource } from './source-comment';
import { ImportSummary } from './summary';
import { ImportWriter } from './writer';
import { codePointName, MalformedXml } from './xml-stream';

export interface ImportOptions {
  open: OpenChunks;
  store: CommentStore;
  hasher: KeyedHasher;
  dryRun?: boolean;
  articleIdFrom?: ArticleIdSource;
  /** Drop characters XML forbids instead of stopping at the first. */
  lenient?: boolean;
  /** Writes in flight at once (default 8). */
  concurrency?: number;
  /** Called after each entry, e.g. to redraw a progress counter. */
  onProgress?: (summary: ImportSummary) => void;
  now?: () => Date;
}

export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const file = await prepareExport(options.open);
  const dryRun = options.dryRun ?? false;
  const summary = new ImportSummary(file.format, dryRun);
  for (const note of file.notes) summary.note(note);
  const writer = new ImportWriter(options.store, options.hasher, { dryRun, now: options.now });
  const limit = Math.max(1, options.concurrency ?? 8);
  const inFlight = new Set<Promise<void>>();
  let writeError: unknown;

  const track = (work: Promise<void>) => {
    const tracked = work
      .catch((error: unknown) => {
        writeError ??= error;
      })
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  try {
    const reading = readExport(file.open, file.format, options.articleIdFrom ?? 'slug', {
      encoding: file.encoding,
      lenient: options.lenient,
      onDropped: (codePoint) => summary.note(`character ${codePointName(codePoint)} (not allowed in XML) dropped (--lenient)`),
    });
    for await (const item of reading) {
      if (writeError) break;
      if (item.kind === 'bad') {
        summary.read += 1;
        summary.bad.push({ at: item.at, sourceId: item.sourceId, problem: item.problem });
        options.onProgress?.(summary);
        continue;
      }
      summary.read += 1;
      const source = item.comment;
      const result = convert(source);
      if (result.kind === 'skip') summary.skip(result.reason);
      else if (result.kind === 'bad') summary.bad.push({ at: source.at, sourceId: source.sourceId, problem: result.problem });
      else {
        track(
          writer.write(result.comment).then((outcome) => {
            if (outcome === 'imported') {
              summary.imported += 1;
              for (const note of result.notes) summary.note(note);
            } else summary.skip(outcome);
            options.onProgress?.(summary);
          }),
        );
        if (inFlight.size >= limit) await Promise.race(inFlight);
        continue;
      }
      options.onProgress?.(summary);
    }
  } catch (error) {
    if (!(error instanceof MalformedXml)) throw error;
    summary.malformed = { at: error.at, sourceId: null, problem: error.reason };
  }
  await Promise.all(inFlight);
  if (writeError) throw writeError;
  return summary;
}
