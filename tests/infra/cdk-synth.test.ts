/**
 * The real thing: `npx cdk synth --quiet` with cdk-nag registered, local
 * esbuild bundling, no AWS credentials and no network access to AWS. It must
 * exit 0 (any unacknowledged nag finding would fail it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../lambda/routes';
import { PROJECT_ROOT } from '../../lib/constructs/service-function';

/** The environment of a machine that has never seen AWS: no AWS_* variables, an empty home. */
function offlineEnvironment(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_')));
  return { ...env, HOME: home, USERPROFILE: home };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('cdk synth', () => {
  it('exits 0 offline without credentials, with every function bundled', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
    const outdir = join(scratch, 'cdk.out');
    const started = Date.now();
    const { code, output } = await run(
      'npx',
      ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir],
      offlineEnvironment(join(scratch, 'home')),
    );
    console.info(`cdk synth took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(code, output).toBe(0);

    const template = JSON.parse(readFileSync(join(outdir, 'CommentModeration.template.json'), 'utf8'));
    const functions = Object.values<{ Type: string; Properties: { Runtime?: string } }>(template.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime?.startsWith('nodejs'),
    );
    expect(functions.length).toBeGreaterThanOrEqual(ROUTES.length);

    // Each function asset is an esbuild bundle with its source map.
    const assets = JSON.parse(readFileSync(join(outdir, 'CommentModeration.assets.json'), 'utf8')).files as Record<
      string,
      { source: { path: string; packaging: string } }
    >;
    const bundles = Object.values(assets).filter((a) => existsSync(join(outdir, a.source.path, 'index.js')));
    expect(bundles.length).toBeGreaterThanOrEqual(ROUTES.length);
    for (const bundle of bundles) expect(existsSync(join(outdir, bundle.source.path, 'index.js.map'))).toBe(true);
  }, 300_000);
});
