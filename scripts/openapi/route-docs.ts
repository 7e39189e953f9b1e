/**
 * Each route's API documentation, read from the `<handler>.doc.ts` beside its
 * handler (lambda/http/route-doc.ts has the shape). Adding a route is its
 * entry in lambda/routes.ts, its handler and this file beside it; the
 * generator refuses a route without one, and a doc file without a route.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RouteDoc } from '../../lambda/http/route-doc';
import type { Route } from '../../lambda/routes';
import { PROJECT_ROOT } from '../build-web';

export type { AnswerDoc, QueryDoc, ResponseHeader, RouteDoc } from '../../lambda/http/route-doc';

const HANDLERS = resolve(PROJECT_ROOT, 'lambda/handlers');

/** Where a route's documentation lives: beside its handler. */
export const docFileOf = (route: Pick<Route, 'entry'>): string => route.entry.replace(/\.ts$/, '.doc.ts');

const docFilesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? docFilesUnder(path) : path.endsWith('.doc.ts') ? [relative(PROJECT_ROOT, path)] : [];
  });

/** The documentation of every route, by route name; throws on a route without one or a doc file without a route. */
export async function routeDocs(routes: readonly Route[]): Promise<Map<string, RouteDoc>> {
  const undocumented = routes.filter((r) => !existsSync(resolve(PROJECT_ROOT, docFileOf(r))));
  if (undocumented.length)
    throw new Error(`openapi: no documentation for ${undocumented.map((r) => `${r.name} (write ${docFileOf(r)})`).join(', ')}`);
  const routed = new Set(routes.map(docFileOf));
  const stale = docFilesUnder(HANDLERS).filter((file) => !routed.has(file));
  if (stale.length) throw new Error(`openapi: documentation for routes the table does not have: ${stale.join(', ')}`);
  const docs = await Promise.all(
    routes.map(
      async (r) => [r.name, ((await import(pathToFileURL(resolve(PROJECT_ROOT, docFileOf(r))).href)) as { doc: RouteDoc }).doc] as const,
    ),
  );
  return new Map(docs);
}
