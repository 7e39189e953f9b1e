/**
 * Builds the browser assets with esbuild:
 *   assets/comments.js + comments.css  the comment form a page embeds
 *   assets/comment-counts.js           fills an article list's comment counts
 *   assets/admin.js + admin.css        the moderators' console
 *   assets/article.css                 the demo article page
 *   admin/index.html                   the console's page
 *   index.html, related/…              the demo article page as the stack hosts it (written to outDir only)
 * The deployed stack uploads the output directory to S3 (plus a generated
 * config.json); the local runtime serves the same files from memory.
 *
 *   npm run build:web [-- <outDir>]     (default web/dist)
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { consolePageHtml } from '../web/admin/page';
import { demoSitePages } from './demo-site';
import type { WebAsset } from './web-asset';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type { WebAsset };

const ENTRY_POINTS = [
  { in: 'web/form/index.ts', out: 'assets/comments' },
  { in: 'web/form/comments.css', out: 'assets/comments' },
  { in: 'web/counts/index.ts', out: 'assets/comment-counts' },
  { in: 'web/admin/index.ts', out: 'assets/admin' },
  { in: 'web/admin/admin.css', out: 'assets/admin' },
  { in: 'web/article/article.css', out: 'assets/article' },
];

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

const contentTypeOf = (path: string) => CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

/** All assets, in memory. */
export async function bundleWebAssets(): Promise<WebAsset[]> {
  const outdir = join(PROJECT_ROOT, '.web-build');
  const result = await esbuild.build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    minify: true,
    format: 'iife',
    // Readers' browsers: anything from about 2020 on.
    target: ['es2020', 'chrome87', 'firefox78', 'safari14.1'],
    platform: 'browser',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const assets: WebAsset[] = result.outputFiles.map((file) => {
    const path = relative(outdir, file.path).split('\\').join('/');
    return { path, contents: file.contents, contentType: contentTypeOf(path) };
  });
  assets.push({ path: 'admin/index.html', contents: new TextEncoder().encode(consolePageHtml()), contentType: contentTypeOf('.html') });
  return assets;
}

/** Writes the assets into `outDir` (relative to the project root), replacing what was there. */
export async function buildWebAssets(outDir = 'web/dist'): Promise<void> {
  const target = resolve(PROJECT_ROOT, outDir);
  const assets = [...(await bundleWebAssets()), ...demoSitePages()];
  await rm(target, { recursive: true, force: true });
  for (const asset of assets) {
    const file = join(target, asset.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, asset.contents);
  }
}

export const gzippedSize = (asset: WebAsset): number => gzipSync(asset.contents, { level: 9 }).length;

async function cli(): Promise<void> {
  const outDir = process.argv[2] ?? 'web/dist';
  await buildWebAssets(outDir);
  for (const asset of await bundleWebAssets()) {
    console.log(
      `  ${join(outDir, asset.path).padEnd(34)} ${String(asset.contents.length).padStart(7)} B   ${String(gzippedSize(asset)).padStart(6)} B gzipped`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch((error: unknown) => {
    console.error('build:web failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
