/**
 * Helpers of the reliability suite: a raw HTTP client (exact headers,
 * doubled headers, raw bytes, a client timeout), a fingerprint of every item
 * in both tables (Scan is fine in tests), and Markdown tables
 * for the figures (written by figures.ts).
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';

export interface RawRequest {
  method: string;
  /** Path and query under the server root, already percent-encoded as it goes on the wire. */
  path: string;
  /** Sent exactly as given, in order; a name may appear twice. Host is added. */
  headers?: Array<[string, string]>;
  body?: Buffer | string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
  ms: number;
}

/** One request; rejects on a network error or when no answer came within `timeoutMs`. */
export function send(baseUrl: string, req: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const base = new URL(baseUrl);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const headers: string[] = ['Host', base.host];
  for (const [name, value] of req.headers ?? []) headers.push(name, value);
  if (body !== undefined && !(req.headers ?? []).some(([n]) => n.toLowerCase() === 'content-length'))
    headers.push('Content-Length', String(body.length));
  const started = performance.now();
  return new Promise((ok, fail) => {
    let settled = false;
    const done = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    const r = request(
      {
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: `${base.pathname.replace(/\/$/, '')}${req.path}`,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          done(() => ok({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: performance.now() - started }));
        });
        res.on('error', (e) => done(() => fail(e)));
      },
    );
    r.setTimeout(timeoutMs, () => {
      r.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    // A server that answers early (413) and closes may break our upload; the answer still counts.
    r.on('error', (e) => setTimeout(() => done(() => fail(e)), 200));
    r.end(body);
  });
}

export interface TableState {
  /** Items per table. */
  counts: Record<string, number>;
  /** sha256 over every item of both tables. */
  digest: string;
  /** One line per item (table name + canonical JSON), to count what changed. */
  items: ReadonlySet<string>;
}

/** Items added, removed or changed between two states (a changed item counts twice: old and new). */
export function itemsWritten(before: TableState, after: TableState): number {
  let changed = 0;
  for (const item of after.items) if (!before.items.has(item)) changed += 1;
  for (const item of before.items) if (!after.items.has(item)) changed += 1;
  return changed;
}

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
};

/** Every item of the given tables (full Scan), for "nothing was written" and "stored exactly once" checks. */
export async function scanAll(endpoint: string, table: string): Promise<Array<Record<string, AttributeValue>>> {
  const client = dynamo(endpoint);
  const items: Array<Record<string, AttributeValue>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const clients = new Map<string, DynamoDBClient>();
function dynamo(endpoint: string): DynamoDBClient {
  let client = clients.get(endpoint);
  if (!client) {
    client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    clients.set(endpoint, client);
  }
  return client;
}

export async function tableState(runtime: { dynamodb: { endpoint: string }; tables: Record<string, string> }): Promise<TableState> {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  const all = new Set<string>();
  for (const [name, table] of Object.entries(runtime.tables).sort()) {
    const items = (await scanAll(runtime.dynamodb.endpoint, table)).map((i) => JSON.stringify(canonical(i))).sort();
    counts[name] = items.length;
    hash.update(`${name}\n${items.join('\n')}\n`);
    for (const item of items) all.add(`${name} ${item}`);
  }
  return { counts, digest: hash.digest('hex'), items: all };
}

/** A 4xx with the contract's JSON error body. Returns what is wrong, or null. */
export function jsonErrorProblem(res: RawResponse): string | null {
  if (res.status < 400 || res.status > 499) return `status ${res.status}, not a 4xx`;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return `content type "${type}", not JSON`;
  const body = res.json as { error?: unknown; message?: unknown } | undefined;
  if (!body || typeof body.error !== 'string' || typeof body.message !== 'string')
    return `body ${res.text.slice(0, 120)} is not { error, message }`;
  return null;
}

export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

/** A Markdown table. */
export function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
