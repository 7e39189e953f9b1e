/**
 * Requests that arrive while the local runtime is still starting are
 * answered at once with a 503 to retry, never left hanging. DynamoDB Local is
 * put behind a gate that holds every connection, so the runtime stays in its
 * start-up for as long as the test wants.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freePort } from '../../scripts/local/dynamodb-local';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { startTestRuntime } from '../support/runtime';

/** A TCP gate in front of DynamoDB Local: connections wait until open() is called. */
async function gatedDynamoDb(target: string) {
  const { hostname, port } = new URL(target);
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    void opened.then(() => {
      const upstream = connect(Number(port), hostname);
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
  });
  const gatePort = await new Promise<number>((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as { port: number }).port)));
  return {
    endpoint: `http://127.0.0.1:${gatePort}`,
    open,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

let runtime: LocalRuntime | undefined;
let gate: Awaited<ReturnType<typeof gatedDynamoDb>> | undefined;
afterAll(async () => {
  await runtime?.stop();
  gate?.close();
});

const ask = (url: string, init: RequestInit = {}) => fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(20_000) });

/** Waits until the runtime's port accepts connections (it claims the port before anything else). */
async function listening(port: number) {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('requests during start-up', () => {
  it('answers every request with 503 and Retry-After while the database is not ready, then serves the API and the demo article', async () => {
    gate = await gatedDynamoDb(inject('dynamoDbEndpoint'));
    const port = await freePort();
    let ready = false;
    const starting = startTestRuntime({ port, dynamoDbEndpoint: gate.endpoint }).then((r) => {
      ready = true;
      runtime = r;
      return r;
    });
    await listening(port);
    const base = `http://127.0.0.1:${port}`;

    const apiRequests = await Promise.all([
      ask(`${base}/api/articles/start-up-article/comments`),
      ask(`${base}/api/articles/start-up-article/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ comment: 'Posted too early', author: 'Early', email: 'early@example.com' }),
      }),
      ask(`${base}/api/admin/comments`, { headers: { authorization: 'Bearer whatever' } }),
      ask(`${base}/api/no/such/route`),
    ]);
    for (const response of apiRequests) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { error: string; message: string };
      expect(body).toEqual({ error: 'ServiceUnavailable', message: expect.stringMatching(/starting/) });
    }
    // A browser on the page's own origin can read the answer (and its Retry-After).
    expect(apiRequests[1]!.headers.get('access-control-allow-origin')).toBe(base);

    for (const page of ['/', '/admin']) {
      const response = await ask(`${base}${page}`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('Starting');
    }
    // Every answer above came while the runtime was held in its start-up.
    expect(ready).toBe(false);

    gate.open();
    const started = await starting;
    const list = await ask(`${started.apiUrl}/articles/start-up-article/comments`);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ comments: [], nextCursor: null, commentsOpen: true });
    // The demo page carries its own article, with the form under it.
    const page = await ask(`${started.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>Putin turned down the negotiation offer during the G20 summit, reports Ukrainska Pravda</h1>');
    expect(html.indexOf('Leave a Reply')).toBeGreaterThan(html.indexOf('Sergey Lavrov'));
  });
});
