/** docs/import.md's "Moving from WordPress / from Disqus" walk-throughs, run as printed (only the file, the port and the database differ). */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { startTestRuntime } from '../support/runtime';

const ROOT = resolve(__dirname, '..', '..');
const fixture = (name: string) => join(ROOT, 'tests', 'fixtures', 'import', name);
// A site's own folder: the export and the map file live here; npm finds the project through links.
const site = mkdtempSync(join(tmpdir(), 'import-walkthrough-'));
for (const name of ['package.json', 'node_modules', 'scripts', 'tsconfig.json']) symlinkSync(join(ROOT, name), join(site, name));

let runtime: LocalRuntime;
// Its own database, with the table names `npm run import` creates (no test prefix).
beforeAll(async () => (runtime = await startTestRuntime({ dynamoDbEndpoint: undefined, tablePrefix: '' })));
afterAll(async () => {
  await runtime?.stop();
  rmSync(site, { recursive: true, force: true });
});

async function runWalkthrough(name: string, exportFile: string): Promise<string> {
  const page = readFileSync(join(ROOT, 'docs', 'import.md'), 'utf8');
  const block = new RegExp(`<!-- walkthrough-${name}:start -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(page)?.[1];
  expect(block).toBeTruthy();
  const script = block!.replace(/^EXPORT=.*$/m, `EXPORT=${exportFile}`).replace('API=http://127.0.0.1:3000/api', `API=${runtime.apiUrl}`);
  expect(script).not.toBe(block);
  const { stdout } = await promisify(execFile)('bash', ['-uo', 'pipefail', '-c', script], {
    cwd: site,
    env: { ...process.env, DATA_DIR: join(site, 'data'), DYNAMODB_ENDPOINT: runtime.dynamodb.endpoint, AWS_REGION: 'local' },
  });
  return stdout;
}

const lastJson = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!);

describe('docs/import.md walk-throughs', () => {
  it("moving from WordPress: a dry run, the import, the article's comments public", async () => {
    copyFileSync(fixture('wordpress.xml'), join(site, 'wordpress-export.xml'));
    const out = await runWalkthrough('wordpress', 'wordpress-export.xml');
    expect(out).toContain('dry run: nothing was written');
    expect(out).toMatch(/would import\s+7\n/);
    expect(out).toMatch(/imported\s+6\n/);
    const page = lastJson(out);
    expect(page.comments.map((c: { author: string }) => c.author)).toEqual(['Old Timer', 'Ivan & Co', 'Olena']);
    expect(JSON.stringify(page)).not.toContain('@example.com');
  });

  it('moving from Disqus: the mailed .xml.gz, a dry run, an id mapped by hand, the counts', async () => {
    writeFileSync(join(site, 'disqus-export.xml.gz'), gzipSync(readFileSync(fixture('disqus-threads.xml'))));
    const out = await runWalkthrough('disqus', 'disqus-export.xml.gz');
    expect(out).toContain('Disqus export, dry run');
    expect(out).toContain('_E4_BD_A0_E5_A5_BD_E4_B8_96_E7_95_8C');
    expect(lastJson(out)).toEqual({ counts: { '198': 1, 'hello-world': 1, about: 1 } });
  });
});
