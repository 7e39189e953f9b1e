/**
 * How every Lambda is bundled (esbuild). Shared by the stack and by the
 * cold-start benchmark, so what is measured is what deploys.
 *
 * The AWS SDK is bundled rather than taken from the runtime: the version is
 * then the one in package-lock.json (tested), and a minified bundle of just
 * the clients we use imports faster than the runtime's full SDK from disk.
 * The exception is OPTIONAL_CLOUD_CLIENTS below.
 */
import type { Access } from '../lambda/routes';

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

/**
 * Packages a function loads only when its access list grants what they serve.
 * A function without that grant has neither the permission nor the
 * environment to reach the code that loads them, so they stay out of its
 * bundle (should one ever be loaded, the runtime's own SDK answers).
 */
const LOADED_ONLY_WITH: Record<string, readonly Access[]> = {
  // The secret keys (lambda/wiring/keys.ts), and Akismet's key for the functions that classify.
  '@aws-sdk/client-secrets-manager': ['secret:hashKey', 'secret:cursorKey', 'classifiers', 'classifiers:feedback'],
};

/**
 * The clients of the cloud classifiers a site may pick in its settings
 * (Comprehend, Bedrock Guardrails; off by default). The adapters load them with
 * `import()` on a site's first scored comment, from the Lambda runtime's own
 * SDK v3. Bundled, every cold start of the submit function parsed them (about
 * 110 KB with their protocol code) for a feature most sites never turn on; a
 * site that does pays the load once per function instance instead, and runs
 * the runtime's version of these two clients.
 */
export const OPTIONAL_CLOUD_CLIENTS = ['@aws-sdk/client-comprehend', '@aws-sdk/client-bedrock-runtime'] as const;

/** The packages left out of the bundle of a function with this access list. */
export function externalModulesFor(access: readonly Access[]): string[] {
  return [
    ...OPTIONAL_CLOUD_CLIENTS,
    ...Object.entries(LOADED_ONLY_WITH)
      // A narrower grant of the same kind ("classifiers:…") counts as the grant.
      .filter(([, grants]) => !grants.some((grant) => access.some((a) => a === grant || a.startsWith(`${grant}:`))))
      .map(([name]) => name),
  ];
}

/** The learned triage's weights file (lambda/domain/triage/model/weights-file.ts), read beside the bundle. */
export const MODEL_WEIGHTS_FILE = 'lambda/domain/triage/model/triage-weights.bin';

/**
 * Files copied beside a function's index.js, by its access list: the model's
 * weights go to the functions that score comments (classifiers) or teach the
 * site's model (triage:write), the two whose bundles carry the model (tested).
 */
export function filesBesideBundle(access: readonly Access[]): string[] {
  return access.includes('classifiers') || access.includes('triage:write') ? [MODEL_WEIGHTS_FILE] : [];
}
