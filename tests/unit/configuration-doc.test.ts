/**
 * docs/configuration.md is the one table of settings: every deploy setting of
 * cdk.json with its default, and every environment variable the service and
 * the local tools read, so a new setting cannot go undocumented.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const page = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');
const rows = page.split('\n').filter((line) => line.startsWith('| `'));
const rowOf = (name: string) => rows.find((row) => row.split('|')[1]!.includes(`\`${name}\``));

/** Set by Lambda or Node, not by an operator. */
const PLATFORM = new Set([
  'AWS_REGION',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
  'LAMBDA_TASK_ROOT',
  '_HANDLER',
  'PATH',
]);

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });

it('lists every deploy setting of cdk.json with its default', () => {
  const context = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
  const settings = Object.entries(context).filter(([key]) => !key.startsWith('@'));
  expect(settings.length).toBeGreaterThan(10);
  for (const [key, value] of settings) {
    const row = rowOf(key);
    expect(row, key).toBeDefined();
    expect(row, key).toContain(`\`${typeof value === 'string' ? value : JSON.stringify(value)}\``);
  }
});

it('lists every environment variable the functions and the local tools read', () => {
  const read = new Set(
    ['lambda', 'scripts'].flatMap((dir) =>
      sources(join(ROOT, dir)).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/process\.env(?:\.([A-Z_]+)|\[['"]([A-Z_]+)['"]\])/g)].map((m) => (m[1] ?? m[2])!),
      ),
    ),
  );
  const missing = [...read].filter((name) => !PLATFORM.has(name) && !rowOf(name));
  expect(read.size).toBeGreaterThan(10);
  expect(missing).toEqual([]);
});
