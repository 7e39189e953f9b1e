/** `npm run import` as a user runs it: arguments, exit status, the summary, and a second run storing nothing new. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { DynamoDbTriageStore } from '../../lambda/adapters/dynamodb/triage-store';

const ROOT = resolve(__dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'import-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function runImportCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'import.ts'), ...args], {
      cwd: ROOT,
      // The shared test database; the keys and data directory of this test only.
      env: { ...process.env, DATA_DIR: dataDir, DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'), AWS_REGION: 'local' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const fixture = (name: string) => join(ROOT, 'tests', 'fixtures', 'import', name);

describe('npm run import', () => {
  it('says what is wrong with the arguments or the file, and exits 2', async () => {
    const none = await runImportCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('which file?');
    const option = await runImportCli([fixture('wordpress.xml'), '--article-id-from=title']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--article-id-from must be slug, link or id');
    const notExport = join(dataDir, 'feed.xml');
    writeFileSync(notExport, '<rss version="2.0"><channel><title>A feed</title></channel></rss>');
    const feed = await runImportCli([notExport]);
    expect(feed.code).toBe(2);
    expect(feed.stderr).toContain('not a WordPress export');
  });

  it('imports, prints the summary with the bad entries, exits 1 for them; a second run stores nothing new', async () => {
    const first = await runImportCli([fixture('disqus.xml')]);
    expect(first.stdout).toMatch(/imported\s+4\n/);
    expect(first.stdout).toMatch(/deleted\s+2\n/);
    expect(first.stdout).toContain("115:4 (id 7007): the post's thread 9999 is not in the file");
    expect(first.code).toBe(1);
    expect(first.stdout + first.stderr).not.toContain('@example.com');
    // The file's past decisions went to the site's model, on the same tables.
    expect(first.stdout).toContain('the triage learned from 4 past decisions: 3 approved, 0 rejected (trashed), 1 spam');
    const model = await new DynamoDbTriageStore({
      db: createDocumentClient(inject('dynamoDbEndpoint')),
      tables: { comments: 'Comments', private: 'Private' },
    }).load();
    expect(model?.bytes.length).toBeGreaterThan(0);

    const second = await runImportCli([fixture('disqus.xml')]);
    expect(second.stdout).toMatch(/imported\s+0\n/);
    expect(second.stdout).toMatch(/already imported\s+4\n/);
  });
});
