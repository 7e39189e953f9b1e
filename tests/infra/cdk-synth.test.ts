/**
 * The real thing: `npx cdk synth --quiet` with cdk-nag registered, local
 * esbuild bundling, no AWS credentials and no network access to AWS. It must
 * exit 0 (any unacknowledged nag finding would fail it). Then the bundles it
 * produced (what `cdk deploy` uploads) serve the contract's smoke tests
 * through the local runtime, each in its own `node` process with its
 * template environment: what deploys is what is tested.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULED_JOBS, STREAM_DISPATCHER } from '../../lambda/background-functions';
import { ROUTES } from '../../lambda/routes';
import { MODEL_WEIGHTS_FILE } from '../../lib/bundling';
import { deployedFunctions, synthesizeCloudAssembly } from '../../scripts/local/cloud-assembly';
import { deployedBundles, environmentFor } from '../../scripts/local/deployed-bundles';
import type { HandlerLoaderFactory, LocalService } from '../../scripts/local/handler-loader';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, api, startTestRuntime } from '../support/runtime';

/** The environment of a machine that has never seen AWS: no AWS_* variables, an empty home. */
function offlineEnvironment(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_')));
  return { ...env, HOME: home, USERPROFILE: home };
}

const scratch = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
const outdir = join(scratch, 'cdk.out');
let synthesized: Promise<void>;
beforeAll(() => {
  const started = Date.now();
  synthesized = synthesizeCloudAssembly(outdir, offlineEnvironment(join(scratch, 'home'))).finally(() =>
    console.info(`cdk synth took ${((Date.now() - started) / 1000).toFixed(1)} s`),
  );
  // A failed synth fails the tests below with its output, not this hook.
  return synthesized.catch(() => undefined);
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('cdk synth', () => {
  it('exits 0 offline without credentials, with every function bundled', async () => {
    await synthesized;
    const template = JSON.parse(readFileSync(join(outdir, 'CommentModeration.template.json'), 'utf8'));
    const functions = Object.values<{ Type: string; Properties: { Runtime?: string } }>(template.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime?.startsWith('nodejs'),
    );
    expect(functions.length).toBeGreaterThanOrEqual(ROUTES.length);

    // Each function of the service is an esbuild bundle with its source map.
    const deployed = deployedFunctions(outdir);
    // The stream consumers run in the one dispatcher function.
    expect(deployed.map((f) => f.name).sort()).toEqual(
      [...ROUTES.map((r) => r.name), STREAM_DISPATCHER.name, ...SCHEDULED_JOBS.map((j) => j.name)].sort(),
    );
    // Beside the bundles that carry the learned triage, its weights' file, which the model reads on its first score.
    const carriers = ['SubmitComment', STREAM_DISPATCHER.name];
    for (const fn of deployed) {
      const expected = ['index.js', 'index.js.map', ...(carriers.includes(fn.name) ? [basename(MODEL_WEIGHTS_FILE)] : [])];
      expect(readdirSync(fn.bundleDir).sort(), fn.name).toEqual(expected.sort());
      expect(fn.handler).toBe('index.handler');
    }
  });
});

describe('the deployable bundles (npm start -- --bundles)', () => {
  const service: LocalService = {
    tables: { Comments: 'local-comments', Private: 'local-private' },
    dynamoDbEndpoint: 'http://127.0.0.1:1',
    hashKey: 'h',
    cursorKey: 'c',
    allowedOrigins: ['http://127.0.0.1:3000'],
    consoleUrl: 'http://127.0.0.1:3000/admin',
    outboxDir: '/nowhere',
    quiet: true,
  };

  it('run with the template environment, NODE_OPTIONS included, and local values only for references', async () => {
    await synthesized;
    const submit = deployedFunctions(outdir).find((f) => f.name === 'SubmitComment')!;
    const env = environmentFor(submit, service, 'http://127.0.0.1:2');
    expect(env).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'comments',
      COMMENTS_TABLE: 'local-comments',
      PRIVATE_TABLE: 'local-private',
      ALLOWED_ORIGINS: 'http://127.0.0.1:3000',
      LAMBDA_TASK_ROOT: submit.bundleDir,
      _HANDLER: 'index.handler',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:2',
    });
    expect(env.HASH_KEY_SECRET_ARN).toMatch(/^arn:aws:secretsmanager:/);
    // The bundle takes its keys from Secrets Manager and its endpoint from the SDK's own setting, as in the cloud.
    for (const localOnly of ['HASH_KEY', 'CURSOR_KEY', 'DYNAMODB_ENDPOINT', 'CURSOR_KEY_SECRET_ARN', 'SETTINGS_CACHE_SECONDS'])
      expect(env[localOnly], localOnly).toBeUndefined();
  });

  describe('serve the smoke tests', () => {
    let runtime: LocalRuntime | undefined;
    let dataDir: string;
    const used = new Set<string>();
    /** The bundles' loader, noting which functions the runtime asked it for. */
    const recording =
      (factory: HandlerLoaderFactory): HandlerLoaderFactory =>
      async (local) => {
        const loader = await factory(local);
        return {
          ...loader,
          route: (route) => {
            used.add(route.name);
            return loader.route(route);
          },
          notifier: () => {
            used.add('notifier');
            return loader.notifier();
          },
        };
      };

    beforeAll(async () => {
      await synthesized.catch(() => undefined);
      if (!existsSync(join(outdir, 'manifest.json'))) return;
      dataDir = mkdtempSync(join(scratch, 'data-'));
      runtime = await startTestRuntime({ handlers: recording(deployedBundles(outdir)), notifications: true, dataDir, streamPollMs: 200 });
    }, 120_000);
    afterAll(() => runtime?.stop());

    async function outboxMentioning(id: string): Promise<string> {
      for (let attempt = 0; attempt < 150; attempt++) {
        const dir = join(dataDir, 'outbox');
        const text = existsSync(dir)
          ? readdirSync(dir)
              .map((f) => readFileSync(join(dir, f), 'utf8'))
              .join('\n')
          : '';
        if (text.includes(id)) return text;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the outbox never mentioned ${id}`);
    }

    it('post, list, moderate, privacy export and erase, and a stream batch into the notifier', async () => {
      await synthesized;
      const service = runtime!;
      const article = 'bundle-smoke-article';
      const email = 'bundle.reader@example.com';

      const posted = await api(service, 'POST', `/articles/${article}/comments`, {
        body: { comment: 'Quoting <script> and ../../etc/passwd is just text here.', author: 'Bundle Reader', email },
      });
      expect(posted.status, posted.text).toBe(202);
      expect(posted.body).toMatchObject({ articleId: article, status: 'pending' });
      expect(posted.text).not.toContain(email);
      const id: string = posted.body.id;

      expect((await api(service, 'GET', `/articles/${article}/comments`)).body).toMatchObject({ comments: [], nextCursor: null });

      const queue = await api(service, 'GET', `/admin/comments?articleId=${article}`, { token: MODERATOR_TOKEN });
      expect(queue.status, queue.text).toBe(200);
      expect(queue.body.comments).toEqual([expect.objectContaining({ id, email, status: 'pending' })]);

      const approved = await api(service, 'POST', `/admin/comments/${id}/approve`, {
        token: MODERATOR_TOKEN,
        body: { expectedVersion: queue.body.comments[0].version },
      });
      expect(approved.status, approved.text).toBe(200);
      expect(approved.body.status).toBe('approved');

      const listed = await api(service, 'GET', `/articles/${article}/comments?limit=10`);
      expect(listed.status, listed.text).toBe(200);
      expect(listed.body.comments.map((c: { id: string }) => c.id)).toEqual([id]);
      expect(listed.text).not.toContain(email);

      const exported = await api(service, 'GET', `/admin/privacy/export?email=${encodeURIComponent(email)}`, { token: MODERATOR_TOKEN });
      expect(exported.status, exported.text).toBe(200);
      expect(exported.body.comments.map((c: { id: string }) => c.id)).toEqual([id]);

      const erased = await api(service, 'POST', '/admin/privacy/erase', { token: MODERATOR_TOKEN, body: { email } });
      expect(erased.status, erased.text).toBe(200);
      expect(erased.body.erased).toBe(1);
      const after = await api(service, 'GET', `/admin/privacy/export?email=${encodeURIComponent(email)}`, { token: MODERATOR_TOKEN });
      expect(after.body.comments).toEqual([]);

      // The stream batch with the new comment went through the notifier bundle and its SNS client into the outbox.
      const digest = await outboxMentioning(id);
      expect(digest).not.toContain(email);

      for (const name of [
        'SubmitComment',
        'ListComments',
        'AdminListComments',
        'AdminApproveComment',
        'AdminPrivacyExport',
        'AdminPrivacyErase',
        'notifier',
      ])
        expect(used, name).toContain(name);
    }, 120_000);
  });
});
