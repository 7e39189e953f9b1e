/**
 * npm run import -- FILE [--dry-run] [--aws] [--article-id-from=slug|link|id]
 *
 * Imports a WordPress (WXR) or Disqus export, detected from the file, into
 * the local tables of `npm start` or, with --aws, the deployed ones. Exit
 * status: 0 all read and stored (or skipped on purpose), 1 some entries bad
 * or the file not well-formed (the rest is imported), 2 nothing done.
 */
import { createReadStream, statSync } from 'node:fs';
import { LocalSetupError } from './local/dynamodb-local';
import { UnknownFormat } from './import/read-export';
import { runImport } from './import/run-import';
import type { ArticleIdSource } from './import/source-comment';
import type { ImportSummary } from './import/summary';
import { awsTarget, localTarget, TargetError, type ImportTarget } from './import/targets';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: npm run import -- FILE [--dry-run] [--aws] [--article-id-from=slug|link|id]

  FILE                 a WordPress export (Tools → Export, WXR) or a Disqus export (.xml)
  --dry-run            read and check everything, write nothing, print what would be imported
  --aws                write to the deployed tables (needs COMMENTS_TABLE, PRIVATE_TABLE, HASH_KEY_SECRET_ARN)
  --article-id-from=   slug (default): the WordPress post slug / the last segment of the Disqus thread link
                       link: the last segment of the post's or thread's link
                       id:   the WordPress post id / the Disqus thread identifier
  DATA_DIR             the local data (default .data), as for npm start`;

interface Arguments {
  file: string;
  dryRun: boolean;
  aws: boolean;
  articleIdFrom: ArticleIdSource;
}

function parseArguments(argv: readonly string[]): Arguments | string {
  const files: string[] = [];
  let dryRun = false;
  let aws = false;
  let articleIdFrom: ArticleIdSource = 'slug';
  for (const arg of argv) {
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--aws') aws = true;
    else if (arg.startsWith('--article-id-from=')) {
      const value = arg.slice('--article-id-from='.length);
      if (value !== 'slug' && value !== 'link' && value !== 'id') return `--article-id-from must be slug, link or id (not "${value}")`;
      articleIdFrom = value;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (files.length !== 1) return files.length === 0 ? 'which file? Give the export file to import.' : 'give one file at a time';
  return { file: files[0]!, dryRun, aws, articleIdFrom };
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
  try {
    if (!statSync(args.file).isFile()) throw new Error('not a file');
  } catch {
    console.error(`import: cannot read ${args.file}: no such file`);
    return 2;
  }

  let target: ImportTarget;
  try {
    target = args.aws ? await awsTarget() : await localTarget(process.env.DATA_DIR ?? '.data');
  } catch (error) {
    if (error instanceof TargetError || error instanceof LocalSetupError) console.error(`import: ${error.message}`);
    else console.error(`import: could not reach the tables: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const progress = progressCounter();
  try {
    console.log(`import: ${args.file} → ${target.description}${args.dryRun ? ' (dry run)' : ''}`);
    const started = Date.now();
    const summary = await runImport({
      open: () => createReadStream(args.file),
      store: target.store,
      hasher: target.hasher,
      dryRun: args.dryRun,
      articleIdFrom: args.articleIdFrom,
      onProgress: (s) => progress.update(s),
    });
    progress.done();
    console.log(summary.toText());
    console.log(`  took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return summary.ok ? 0 : 1;
  } catch (error) {
    progress.done();
    if (error instanceof UnknownFormat) console.error(`import: ${error.message}`);
    else console.error(`import: stopped: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
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
