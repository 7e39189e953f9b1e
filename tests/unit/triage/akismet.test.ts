/**
 * The Akismet adapter against a small local server that speaks Akismet's
 * documented protocol: form-encoded POSTs to /1.1/comment-check,
 * /submit-spam and /submit-ham; `true` / `false` / `invalid` bodies; the
 * `X-akismet-pro-tip: discard` and `X-akismet-debug-help` headers.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { akismetApiKey, akismetClassifier } from '../../../lambda/adapters/classifiers/akismet';
import { runClassifier } from '../../../lambda/domain/triage/run-classifier';
import type { ClassifierInput } from '../../../lambda/domain/ports/classifier';

const KEY = 'abc123def456';
type Behaviour = 'by-content' | '5xx' | 'slow';
let behaviour: Behaviour = 'by-content';
const received: { path: string; fields: Record<string, string> }[] = [];
let server: Server;
let endpoint: string;

async function form(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const fields = await form(request);
    received.push({ path: request.url ?? '', fields });
    if (behaviour === '5xx') return response.writeHead(503).end('Service Unavailable');
    if (behaviour === 'slow') return; // never answers
    if (fields.api_key !== KEY) {
      response.writeHead(200, { 'X-akismet-debug-help': 'We were unable to parse your API key.' });
      return response.end('invalid');
    }
    if (request.url === '/1.1/comment-check') {
      const content = fields.comment_content ?? '';
      if (content.includes('viagra')) return response.writeHead(200, { 'X-akismet-pro-tip': 'discard' }).end('true');
      if (content.includes('casino')) return response.writeHead(200).end('true');
      if (content === 'confuse')
        return response.writeHead(200, { 'X-akismet-debug-help': 'Empty "blog" value' }).end('Missing required field: blog.');
      return response.writeHead(200).end('false');
    }
    if (request.url === '/1.1/submit-spam' || request.url === '/1.1/submit-ham')
      return response.writeHead(200).end('Thanks for making the web a better place.');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/1.1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  behaviour = 'by-content';
  received.length = 0;
});

const input = (text: string): ClassifierInput => ({
  text,
  author: 'Olena',
  url: 'https://olena.example',
  articleId: 'g20',
  permalink: 'https://news.example/g20',
  personal: { email: 'olena@example.com', ip: '192.0.2.7', userAgent: 'Mozilla/5.0 Test' },
});
const akismet = (options: { key?: string; personal?: boolean } = {}) =>
  akismetClassifier({
    blog: 'https://news.example',
    endpoint,
    apiKey: async () => options.key ?? KEY,
    sendPersonalData: options.personal ?? false,
  });
const signal = () => new AbortController().signal;

describe('akismet comment-check', () => {
  it('"false" is not spam', async () => {
    await expect(akismet().classify(input('I disagree with the article.'), signal())).resolves.toEqual({
      score: 0.05,
      signal: 'none',
      provider: 'akismet',
    });
  });

  it('"true" is spam; with the discard tip, blatant spam to discard', async () => {
    await expect(akismet().classify(input('best casino bonus'), signal())).resolves.toEqual({
      score: 0.95,
      signal: 'spam',
      provider: 'akismet',
    });
    await expect(akismet().classify(input('cheap viagra'), signal())).resolves.toEqual({
      score: 1,
      signal: 'blatant spam',
      provider: 'akismet',
      discard: true,
    });
  });

  it("sends WordPress's fields, and no personal data unless it is turned on", async () => {
    await akismet().classify(input('A comment.'), signal());
    expect(received[0]).toEqual({
      path: '/1.1/comment-check',
      fields: {
        api_key: KEY,
        blog: 'https://news.example',
        comment_type: 'comment',
        comment_author: 'Olena',
        comment_author_url: 'https://olena.example',
        comment_content: 'A comment.',
        permalink: 'https://news.example/g20',
        blog_charset: 'UTF-8',
        blog_lang: 'en',
      },
    });
    await akismet({ personal: true }).classify(input('A comment.'), signal());
    expect(received[1]!.fields).toMatchObject({
      comment_author_email: 'olena@example.com',
      user_ip: '192.0.2.7',
      user_agent: 'Mozilla/5.0 Test',
    });
  });

  it('an invalid key, a 5xx, an answer it does not understand, or silence: "classifier unavailable"', async () => {
    await expect(runClassifier(akismet({ key: 'wrong' }), input('x'))).resolves.toMatchObject({
      ok: false,
      message: 'classifier unavailable',
      cause: expect.stringContaining('invalid API key (We were unable to parse your API key.)'),
    });
    await expect(runClassifier(akismet(), input('confuse'))).resolves.toMatchObject({
      ok: false,
      cause: expect.stringContaining('Missing required field'),
    });
    behaviour = '5xx';
    await expect(runClassifier(akismet(), input('x'))).resolves.toMatchObject({ ok: false, cause: expect.stringContaining('HTTP 503') });
    behaviour = 'slow';
    await expect(runClassifier(akismet(), input('x'), { timeLimitMs: 200 })).resolves.toEqual({
      ok: false,
      message: 'classifier unavailable',
      cause: 'timeout after 200 ms',
    });
  });
});

describe('akismet feedback', () => {
  it('submit-spam and submit-ham send the same fields to their endpoints', async () => {
    const client = akismet();
    await client.reportSpam(input('missed spam'), signal());
    await client.reportHam(input('a civil comment held as spam'), signal());
    expect(received.map((r) => r.path)).toEqual(['/1.1/submit-spam', '/1.1/submit-ham']);
    expect(received[1]!.fields.comment_content).toBe('a civil comment held as spam');
  });

  it('fails loudly when Akismet does not thank us', async () => {
    await expect(akismet({ key: 'wrong' }).reportHam(input('x'), signal())).rejects.toThrow(/invalid API key/);
  });
});

describe('akismet API key', () => {
  it('comes from AKISMET_API_KEY locally and refuses an empty one', async () => {
    vi.stubEnv('AKISMET_API_KEY', ` ${KEY} `);
    await expect(akismetApiKey()).resolves.toBe(KEY);
    // Blank is unset for every variable the functions read (lambda/environment.ts).
    vi.stubEnv('AKISMET_API_KEY', '   ');
    await expect(akismetApiKey()).rejects.toThrow(/AKISMET_API_KEY \(or AKISMET_API_KEY_SECRET_ARN\) is not set/);
    vi.stubEnv('AKISMET_API_KEY', '');
    vi.stubEnv('AKISMET_API_KEY_SECRET_ARN', '');
    await expect(akismetApiKey()).rejects.toThrow(/AKISMET_API_KEY/);
    vi.unstubAllEnvs();
  });
});
