/**
 * npm run import -- FILE [--dry-run] [--aws] [--article-id-from=slug|link|id] [--article-id-map=CSV] [--lenient] [--no-learn]
 *
 * Imports a WordPress (WXR) or Disqus export, detected from the file, into
 * the local tables of `npm start` or, with --aws, the deployed ones. Exit
 * status: 0 all read and stored (or skipped on purpose), 1 some entries bad
 * or the file not well-formed (the rest is imported), 2 nothing done, 130
 * stopped with Ctrl-C (the summary so far is printed).
 */
import { createReadStream, statSync } from 'node:fs';
import { LocalSetupError } from './local/dynamodb-local';
import { ArticleIdMapError, readArticleIdMap } from './import/article-ids';
import { DataDirBusy } from './import/data-dir-lock';
import { UnreadableText } from './import/file-text';
import { prepareExport, UnknownFormat } from './import/read-export';
import { runImport } from './import/run-import';
import type { ArticleIdSource } from './import/source-comment';
import type { ImportSummary } from './import/summary';
import { awsTarget, localTarget, TargetError, type ImportTarget } from './import/targets';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: npm run import -- FILE [options]

  FILE                 a WordPress export (Tools → Export, WXR) or a Disqus export (.xml, or .xml.gz as mailed)
  --dry-run            read and check everything, write nothing, print what would be imported
  --aws                write to the deployed tables (needs COMMENTS_TABLE, PRIVATE_TABLE, HASH_KEY_SECRET_ARN)
  --article-id-from=   slug (default): the WordPress post slug / the Disqus thread link's page
                       link: the page of the post's or thread's link ("?p=N" gives N)
                       id:   the WordPress post id / the Disqus thread identifier
  --article-id-map=CSV lines "link, slug or id in the export,article id": these articles' ids chosen by hand
  --lenient            drop characters XML forbids (invisible controls) instead of stopping at the first
  --no-learn           do not teach the file's past decisions to the site's triage
  DATA_DIR             the local data (default .data), as for npm start
  (docs/import.md says what happens to each status, post state and oddity)`;

interface Arguments {
  file: string;
  dryRun: boolean;
  aws: boolean;
  articleIdFrom: ArticleIdSource;
  articleIdMap: string | null;
  lenient: boolean;
  learn: boolean;
}

function parseArguments(argv: readonly string[]): Arguments | string {
  const files: string[] = [];
  let dryRun = false;
  let aws = false;
  let articleIdFrom: ArticleIdSource = 'slug';
  let articleIdMap: string | null = null;
  let lenient = false;
  let learn = true;
  for (const arg of argv) {
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--aws') aws = true;
    else if (arg === '--lenient') lenient = true;
    else if (arg === '--no-learn') learn = false;
    else if (arg.startsWith('--article-id-map=')) articleIdMap = arg.slice('--article-id-map='.length);
    else if (arg.startsWith('--article-id-from=')) {
      const value = arg.slice('--article-id-from='.length);
      if (value !== 'slug' && value !== 'link' && value !== 'id') return `--article-id-from must be slug, link or id (not "${value}")`;
      articleIdFrom = value;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (files.length !== 1) return files.length === 0 ? 'which file? Give the export file to import.' : 'give one file at a time';
  return { file: files[0]!, dryRun, aws, articleIdFrom, articleIdMap, lenient, learn };
}

/** A counter on a terminal, redrawn at most every 100 ms; nothing when the output is a file or pipe. */
function progressCounter(): { update(summary: ImportSummary): void; done(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let drawn = false;
  return {
    update(summary) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      drawn = true;
      process.stderr.write(`\r${summary.progressLine()}\u001B[K`);
    },
    done() {
      if (drawn) process.stderr.write('\r\u001B[K');
    },
  };
}

/** Why the file cannot be read, or null. */
function fileProblem(path: string): string | null {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return `${path} is a directory: give the export file in it`;
    if (!stat.isFile()) return `${path} is not a file`;
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EACCES'
      ? `cannot read ${path}: permission denied`
      : `cannot read ${path}: no such file`;
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const args = parseArguments(argv);
  if (typeof args === 'string') {
    console.error(`import: ${args}\n\n${USAGE}`);
    return 2;
  }
  const problem = fileProblem(args.file);
  if (problem) {
    console.error(`import: ${problem}`);
    return 2;
  }
  const open = () => createReadStream(args.file);
  let articleIdMap: Map<string, string> | undefined;
  try {
    if (args.articleIdMap !== null) articleIdMap = readArticleIdMap(args.articleIdMap);
    // What the file is, before the database starts (which takes seconds).
    await prepareExport(open);
  } catch (error) {
    if (error instanceof UnknownFormat || error instanceof UnreadableText || error instanceof ArticleIdMapError) {
      console.error(`import: ${error.message}`);
      return 2;
    }
    throw error;
  }

  let target: ImportTarget;
  try {
    target = args.aws ? await awsTarget() : await localTarget(process.env.DATA_DIR ?? '.data');
  } catch (error) {
    if (error instanceof TargetError || error instanceof LocalSetupError || error instanceof DataDirBusy)
      console.error(`import: ${error.message}`);
    else console.error(`import: could not reach the tables: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const progress = progressCounter();
  // Ctrl-C: finish the writes in flight and print how far it got; a second Ctrl-C stops at once.
  const stop = new AbortController();
  const onInterrupt = () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    console.log(`import: ${args.file} → ${target.description}${args.dryRun ? ' (dry run)' : ''}`);
    const started = Date.now();
    const learner = args.learn ? target.learner : undefined;
    const summary = await runImport({
      open,
      store: target.store,
      hasher: target.hasher,
      dryRun: args.dryRun,
      articleIdFrom: args.articleIdFrom,
      articleIdMap,
      lenient: args.lenient,
      learner,
      signal: stop.signal,
      onProgress: (s) => progress.update(s),
    });
    progress.done();
    console.log(summary.toText());
    if (args.learn && !learner && !args.dryRun)
      console.log('  the triage learned nothing: its learner is not available to the import in this build');
    console.log(`  took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (summary.interrupted) return 130;
    return summary.ok ? 0 : 1;
  } catch (error) {
    progress.done();
    if (error instanceof UnknownFormat) console.error(`import: ${error.message}`);
    else console.error(`import: stopped: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    process.off('SIGINT', onInterrupt);
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('import failed:', error);
    process.exit(2);
  },
);
