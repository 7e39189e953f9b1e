/** The curl walk-through of docs/walkthrough.md, run as printed (only the port differs). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, startTestRuntime } from '../support/runtime';

let runtime: LocalRuntime;
// As npm start serves it: public reads through the local edge.
beforeAll(async () => (runtime = await startTestRuntime({ edge: true })));
afterAll(() => runtime?.stop());

it('works as printed', async () => {
  const page = readFileSync('docs/walkthrough.md', 'utf8');
  const block = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```/.exec(page)?.[1];
  expect(block).toBeTruthy();
  const script = block!.replace('API=http://127.0.0.1:3000/api', `API=${runtime.apiUrl}`);
  expect(script).not.toBe(block);
  // Asynchronously: the server answering curl runs in this process.
  const { stdout: out } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
    env: { ...process.env, TOKEN: MODERATOR_TOKEN },
  });
  const [posted, notYetPublic, queue, approved, published] = out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(posted).toMatchObject({ status: 'pending', articleId: 'putin-g20-negotiation-offer' });
  expect(notYetPublic).toEqual({ counts: { 'putin-g20-negotiation-offer': 0 } });
  expect(queue.comments[0]).toMatchObject({ author: 'Olena', email: 'olena@example.com', status: 'pending' });
  expect(approved).toMatchObject({ status: 'approved', version: 2 });
  expect(published.comments).toEqual([expect.objectContaining({ author: 'Olena', url: 'https://olena.example' })]);
  expect(JSON.stringify(published)).not.toContain('olena@example.com');
});
