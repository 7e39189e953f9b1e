/**
 * How every Lambda is bundled (esbuild). Shared by the stack and by the
 * cold-start benchmark, so what is measured is what deploys.
 *
 * The AWS SDK is bundled rather than taken from the runtime: the version is
 * then the one in package-lock.json (tested), and a minified bundle of just
 * the clients we use imports faster than the runtime's full SDK from disk.
 */
export const NODE_TARGET = 'node22';

export const ESBUILD_OPTIONS = {
  bundle: true,
  minify: true,
  sourcemap: true,
  // Stack traces need only the mappings; leaving the sources out shrinks each map about fivefold.
  sourcesContent: false,
  platform: 'node',
  format: 'cjs',
  target: NODE_TARGET,
  // Powertools and the SDK ship ESM builds that tree-shake better.
  mainFields: ['module', 'main'],
  external: [] as string[],
} as const;
