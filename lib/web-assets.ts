/**
 * Gets the browser assets ready before synthesis. scripts/build-web.ts
 * (owned by the web pages) exports `buildWebAssets(outDir)`; when it exists
 * it builds web/dist, and a failing build fails the synth rather than
 * shipping a broken site. Without the script or its output the stack
 * deploys a placeholder page, so synth never depends on the web build.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from './constructs/service-function';

export const WEB_DIST_DIR = resolve(PROJECT_ROOT, 'web', 'dist');
export const WEB_BUILD_SCRIPT = resolve(PROJECT_ROOT, 'scripts', 'build-web.ts');

type BuildModule = { buildWebAssets?: (outDir: string) => unknown };

/** Builds the assets if the build script exists; returns their folder, or undefined for the placeholder. */
export async function prepareWebAssets(warn: (message: string) => void = (m) => console.warn(m)): Promise<string | undefined> {
  if (existsSync(WEB_BUILD_SCRIPT)) {
    const build = (await import(pathToFileURL(WEB_BUILD_SCRIPT).href)) as BuildModule & { default?: BuildModule };
    const buildWebAssets = build.buildWebAssets ?? build.default?.buildWebAssets;
    if (typeof buildWebAssets !== 'function') throw new Error(`${WEB_BUILD_SCRIPT} does not export buildWebAssets(outDir)`);
    await buildWebAssets(WEB_DIST_DIR);
  }
  if (!existsSync(WEB_DIST_DIR)) {
    warn(`warning: ${WEB_DIST_DIR} does not exist; the site will serve a placeholder page (build it with npm run build:web)`);
    return undefined;
  }
  return WEB_DIST_DIR;
}
