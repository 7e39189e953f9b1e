/** `npm run import` when things are not as they should be: a folder, a gzip file, another import on the same data, Ctrl-C. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { writeExport } from '../../bench/import';

const ROOT = resolve(__dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'import-cli-problems-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const fixture = (name: string) => join(ROOT, 'tests', 'fixtures', 'import', name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runImportCli(
  args: string[],
  env: Record<string, string | undefined>,
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
) {
  return new Promise<Run>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'import.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, AWS_REGION: 'local', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const shared = () => ({ DATA_DIR: join(scratch, 'shared'), DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint') });

describe('npm run import, awkward cases', () => {
  it('says a folder is a folder', async () => {
    const run = await runImportCli([scratch], shared());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is a directory');
  });

  it('reads a gzip-compressed export as mailed by Disqus', async () => {
    const gz = join(scratch, 'disqus.xml.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('disqus.xml'))));
    const run = await runImportCli([gz, '--dry-run'], shared());
    expect(run.stdout).toMatch(/would import\s+4\n/);
  });

  it('refuses a file that is no export before it starts a database', async () => {
    const feed = join(scratch, 'feed.xml');
    writeFileSync(feed, '<rss version="2.0"><channel><title>A feed</title></channel></rss>');
    // No database to find and no Java to start one: only the file's own problem can be reported.
    const run = await runImportCli([feed], {
      DATA_DIR: join(scratch, 'no-db'),
      DYNAMODB_ENDPOINT: '',
      PATH: '/nonexistent',
      JAVA_HOME: '',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not a WordPress export');
  });

  it('tells a second import on the same data that the first one is using it', async () => {
    const dataDir = join(scratch, 'busy');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'import.lock'), String(process.pid));
    const run = await runImportCli([fixture('disqus.xml')], { DATA_DIR: dataDir, DYNAMODB_ENDPOINT: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`another import (process ${process.pid}) is using`);
  });

  it('prints the summary so far when stopped with Ctrl-C, and exits 130', async () => {
    const big = join(scratch, 'big.xml');
    await writeExport(big, 4_000);
    let sent = false;
    const run = await runImportCli([big, '--no-learn'], shared(), (stdout, child) => {
      if (!sent && stdout.includes('→')) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 1_500);
      }
    });
    expect(run.code).toBe(130);
    expect(run.stdout).toContain('stopped before the end of the file');
    const read = Number(/comments read\s+([\d,]+)/.exec(run.stdout)?.[1]?.replace(/,/g, ''));
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(4_000);
  });
});
