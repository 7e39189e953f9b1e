/**
 * `npm start` as a user runs it: the printed URLs and token, data kept across
 * restarts, clean shutdown with no Java left behind, and one clear line when
 * the port is taken or Java is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/local/dynamodb-local';

// What `npm start` runs: one Node process (tsx as a loader, not as a parent process).
const START = ['--import', 'tsx', 'scripts/start.ts'];
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, START, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const ready = new Promise<{ token: string; dynamoPort: number }>((ok, fail) => {
    const check = () => {
      const token = /Moderator token\s+(\S+)/.exec(stdout)?.[1];
      const dynamoPort = /DynamoDB Local on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1];
      if (token && dynamoPort) ok({ token, dynamoPort: Number(dynamoPort) });
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => fail(new Error(`exited ${code}: ${stderr}`)));
  });
  ready.catch(() => undefined); // only awaited by tests that expect start-up to succeed
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

const javaOnPort = (port: number) => spawnSync('pgrep', ['-f', `DynamoDBLocal.jar -port ${port} `]).status === 0;

async function waitFor(condition: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return condition();
}

// Each test starts the whole service (DynamoDB Local's JVM included), some of them twice: 90 s each.
describe('npm start', () => {
  it('serves the API with the printed token, keeps data across a restart, and leaves no Java behind', { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comments-data-'));
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir };
    const base = `http://127.0.0.1:${port}/api`;

    const first = start(env);
    const { token, dynamoPort } = await first.ready;
    expect(first.output().stdout).toContain(`http://127.0.0.1:${port}/admin`);
    await fetch(`${base}/admin/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"floodSeconds":0}',
    });
    const posted = await fetch(`${base}/articles/restart-article/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ comment: 'Survives a restart', author: 'Ann', email: 'ann@example.com' }),
    });
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };
    expect(javaOnPort(dynamoPort)).toBe(true);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await waitFor(() => !javaOnPort(dynamoPort))).toBe(true);

    const second = start({ ...env, MODERATOR_TOKEN: 'a-token-chosen-by-the-operator' });
    const again = await second.ready;
    expect(again.token).toBe('a-token-chosen-by-the-operator');
    const stored = await fetch(`${base}/admin/comments/${id}`, { headers: { authorization: 'Bearer a-token-chosen-by-the-operator' } });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ comment: 'Survives a restart', status: 'pending' });

    // Even a hard kill of the server must not leave DynamoDB Local running.
    second.child.kill('SIGKILL');
    await second.exited;
    expect(await waitFor(() => !javaOnPort(again.dynamoPort))).toBe(true);
  });

  it('says in one line when the port is taken', { timeout: 90_000 }, async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((ok) => blocker.listen(port, '127.0.0.1', ok));
    try {
      const run = start({ PORT: String(port), IN_MEMORY: '1' });
      expect(await run.exited).toBe(1);
      const lines = run.output().stderr.trim().split('\n');
      expect(lines).toEqual([`Port ${port} is in use: stop the other process or start on another port, e.g. PORT=${port + 1} npm start`]);
    } finally {
      blocker.close();
    }
  });

  it('names the package to install when Java is missing', { timeout: 90_000 }, async () => {
    const bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const run = start({ PORT: String(await freePort()), IN_MEMORY: '1', PATH: bin, JAVA_HOME: '' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr.trim()).toBe(
      'Java was not found; DynamoDB Local needs it. Install it with: sudo apt-get install default-jre-headless',
    );
  });
});
