/**
 * No source file imports itself through others: a circle of imports makes the
 * load order matter and hides which module is the base. Type-only imports
 * count too; they are how such circles start.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const SOURCE_DIRS = ['bin', 'lib', 'lambda', 'scripts', 'bench', 'web', 'tests'];
const SKIPPED = new Set(['node_modules', 'dist', 'cdk.out', '.data']);
/**
 * Circles known and owned elsewhere, each to be broken by its owners: the test fails on
 * any other circle, and on a listed one that is gone, so this list cannot go stale.
 */
const KNOWN_CIRCLES: string[][] = [];
/** `import … from './x'`, `export … from './x'` and `import './x'`: the project's own modules. */
const RELATIVE_IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|^\s*import\s*['"](\.[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIPPED.has(name)) return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
}

/** The strongly connected groups of more than one file (Tarjan's algorithm). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string) => {
    order.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const dep of graph.get(file) ?? []) {
      if (!order.has(dep)) {
        visit(dep);
        low.set(file, Math.min(low.get(file)!, low.get(dep)!));
      } else if (onStack.has(dep)) low.set(file, Math.min(low.get(file)!, order.get(dep)!));
    }
    if (low.get(file) !== order.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1) groups.push(group);
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return groups;
}

it('has no circle of imports among the project’s own modules', () => {
  const files = SOURCE_DIRS.filter((d) => existsSync(join(ROOT, d))).flatMap((d) => sourceFiles(join(ROOT, d)));
  const graph = new Map(
    files.map((file) => [
      file,
      [...readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)].flatMap((m) => resolveImport(file, (m[1] ?? m[2])!) ?? []),
    ]),
  );
  expect(files.length).toBeGreaterThan(100);
  expect([...graph.values()].flat().length).toBeGreaterThan(files.length);
  const found = circles(graph).map((group) => group.map((file) => relative(ROOT, file)).sort());
  expect(found.sort()).toEqual(KNOWN_CIRCLES);
});
