/** Each function's bundle leaves out what its access list never lets it load. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESBUILD_OPTIONS, externalModulesFor, filesBesideBundle, MODEL_WEIGHTS_FILE, OPTIONAL_CLOUD_CLIENTS } from '../../lib/bundling';
import { MAIL_FEEDBACK, SCHEDULED_JOBS, STREAM_CONSUMERS, STREAM_DISPATCHER } from '../../lambda/background-functions';
import { type Access, ROUTES, routeNamed } from '../../lambda/routes';

const ROOT = resolve(__dirname, '..', '..');

const built = new Map<string, Promise<string[]>>();

/** The source files that end up in a function's bundle, built as it deploys (once per entry and access list). */
function bundleInputs(entry: string, access: readonly Access[]): Promise<string[]> {
  const key = `${entry} ${access.join(',')}`;
  if (!built.has(key)) built.set(key, buildInputs(entry, access));
  return built.get(key)!;
}

async function buildInputs(entry: string, access: readonly Access[]): Promise<string[]> {
  const { metafile } = await build({
    ...ESBUILD_OPTIONS,
    mainFields: [...ESBUILD_OPTIONS.mainFields],
    external: [...ESBUILD_OPTIONS.external, ...externalModulesFor(access)],
    absWorkingDir: ROOT,
    entryPoints: [resolve(ROOT, entry)],
    outfile: 'bundle.js',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs);
}

/** The packages that end up in a route's bundle. */
async function bundledPackages(name: Parameters<typeof routeNamed>[0]): Promise<Set<string>> {
  const route = routeNamed(name);
  const packages = (await bundleInputs(route.entry, route.access)).map((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1]);
  return new Set(packages.filter((p): p is string => p !== undefined));
}

describe('bundles by access', () => {
  it('leaves the Secrets Manager client out of functions granted no secret', () => {
    expect(externalModulesFor(['comments:read', 'comments:write'])).toContain('@aws-sdk/client-secrets-manager');
    expect(externalModulesFor(['published:query', 'secret:cursorKey'])).not.toContain('@aws-sdk/client-secrets-manager');
    // Akismet's key is a secret too.
    expect(externalModulesFor(['classifiers'])).not.toContain('@aws-sdk/client-secrets-manager');
  });

  it('gives a moderator action no classifier, no moderation words library and no secrets client; the submit function all it needs', async () => {
    const approve = await bundledPackages('AdminApproveComment');
    for (const absent of ['@aws-sdk/client-comprehend', '@aws-sdk/client-bedrock-runtime', 'obscenity', '@aws-sdk/client-secrets-manager'])
      expect(approve.has(absent), absent).toBe(false);
    const submit = await bundledPackages('SubmitComment');
    for (const present of ['obscenity', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-dynamodb'])
      expect(submit.has(present), present).toBe(true);
  }, 60_000);

  it('leaves the optional cloud classifiers’ clients to the runtime, loaded only when a site picks them', async () => {
    const submit = await bundledPackages('SubmitComment');
    for (const client of OPTIONAL_CLOUD_CLIENTS) expect(submit.has(client), client).toBe(false);
    // The bundle loads where those clients cannot be found: nothing requires them until a site's settings pick them.
    const dir = mkdtempSync(join(tmpdir(), 'submit-bundle-'));
    try {
      const file = join(dir, 'index.js');
      await build({
        ...ESBUILD_OPTIONS,
        mainFields: [...ESBUILD_OPTIONS.mainFields],
        external: [...ESBUILD_OPTIONS.external, ...externalModulesFor(routeNamed('SubmitComment').access)],
        absWorkingDir: ROOT,
        entryPoints: [resolve(ROOT, routeNamed('SubmitComment').entry)],
        outfile: file,
        logLevel: 'silent',
      });
      const loaded = spawnSync(
        process.execPath,
        ['-e', `typeof require(${JSON.stringify(file)}).handler === 'function' || process.exit(3)`],
        {
          cwd: dir,
          env: { PATH: process.env.PATH ?? '' },
          encoding: 'utf8',
        },
      );
      expect(loaded.stderr).toBe('');
      expect(loaded.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('gives the functions that read no request body, or only an email, no schema library', async () => {
    // The erasure's one field is checked by requestedEmail; zod there cost its cold start about 2 ms.
    const noSchema = ROUTES.filter((r) => r.method === 'GET' || r.method === 'DELETE' || r.name === 'AdminPrivacyErase');
    expect(noSchema.map((r) => r.name)).toContain('AdminPrivacyErase');
    for (const route of noSchema) {
      const inputs = await bundleInputs(route.entry, route.access);
      expect(
        inputs.filter((path) => path.includes('node_modules/zod/')),
        route.name,
      ).toEqual([]);
    }
  }, 120_000);

  it('copies the model’s weights beside exactly the bundles that carry the model', async () => {
    const dispatcher = { ...STREAM_DISPATCHER, access: [...new Set(STREAM_CONSUMERS.flatMap((c) => c.access))] };
    const carriers: string[] = [];
    for (const fn of [...ROUTES, dispatcher, ...SCHEDULED_JOBS, MAIL_FEEDBACK]) {
      const carriesModel = (await bundleInputs(fn.entry, fn.access)).includes('lambda/domain/triage/model/shipped.ts');
      if (carriesModel) carriers.push(fn.name);
      expect(filesBesideBundle(fn.access).includes(MODEL_WEIGHTS_FILE), fn.name).toBe(carriesModel);
    }
    expect(carriers).toEqual(expect.arrayContaining(['SubmitComment', STREAM_DISPATCHER.name]));
    expect(existsSync(resolve(ROOT, MODEL_WEIGHTS_FILE))).toBe(true);
  }, 120_000);
});
