/**
 * Readers behind the local edge, in a real Chromium: a reader's own comment,
 * published at once, still shows after a reload while the cached page does
 * not have it yet; and comment-counts.js fills an article list's count spans
 * from one request.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { DEMO_ARTICLE_ID } from '../../scripts/local/pages';
import { api, MODERATOR_TOKEN, startFloodFreeRuntime, validComment } from '../support/runtime';
import { launchChromium } from './chromium';

let runtime: LocalRuntime;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // Long enough that the page read before the post is still cached when the reader reloads.
  runtime = await startFloodFreeRuntime({ edge: true, edgeFreshSeconds: 120, edgeStaleSeconds: 60 });
  const settings = await api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: { premoderation: false } });
  expect(settings.status).toBe(200);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.setDefaultTimeout(5000);
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const commentItem = (text: string) => page.locator('li.comment', { has: page.locator(':scope > .comment-body', { hasText: text }) });

it("shows a reader's comment published at once after a reload, though the cached page does not have it yet", async () => {
  await page.goto(`${runtime.url}/`);
  await page.locator('.comment-list[aria-busy="false"]').waitFor({ state: 'attached' });
  const text = 'Published at once, and I still want to see it after a reload.';
  await page.getByLabel(/^Comment/).fill(text);
  await page.getByLabel(/^Name/).fill('Iryna');
  await page.getByLabel(/^Email/).fill('iryna.edge@example.com');
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await page.getByText('Thank you! Your comment has been published.').waitFor();
  await commentItem(text).waitFor();

  // The edge still serves the page read before the post.
  const cached = await api(runtime, 'GET', `/articles/${DEMO_ARTICLE_ID}/comments?limit=50`);
  expect(cached.headers.get('x-cache')).toBe('Hit from local-edge');
  expect(cached.text).not.toContain(text);

  await page.reload();
  await page.locator('.comment-list[aria-busy="false"]').waitFor({ state: 'attached' });
  await commentItem(text).waitFor();
  expect(await commentItem(text).locator('.comment-awaiting-moderation-note').count()).toBe(0);
});

it('fills every count span of an article list from one request', async () => {
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/counts')) requests.push(request.url());
  });
  await api(runtime, 'POST', '/articles/list-story-2/comments', { body: validComment() });
  await page.goto(`${runtime.url}/admin`);
  await page.setContent(`<!doctype html><html><body>
    <ul>
      <li>Story one <span data-comment-count="${DEMO_ARTICLE_ID}">–</span></li>
      <li>Story two <span data-comment-count="list-story-2">–</span></li>
      <li>Story two again <span data-comment-count="list-story-2">–</span></li>
      <li>Not commented <span data-comment-count="list-story-3">–</span></li>
    </ul>
    <script src="${runtime.url}/assets/comment-counts.js" defer data-api-url="${runtime.apiUrl}"></script>
  </body></html>`);
  await page.locator('[data-comment-count="list-story-3"][data-comment-count-value]').waitFor({ state: 'attached' });
  const counts = await page.locator('[data-comment-count]').allTextContents();
  expect(counts).toEqual(['1', '1', '1', '0']);
  expect(requests).toHaveLength(1);
  expect(new URL(requests[0]!).searchParams.get('articles')).toBe(`${DEMO_ARTICLE_ID},list-story-2,list-story-3`);
});
