/**
 * Clickable links in published comments, in a real Chromium: http(s)
 * addresses become links with rel="nofollow ugc noopener", and hostile text
 * stays text (no markup, no script, no other scheme made clickable).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARTICLE_ID } from '../../scripts/local/pages';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { api, MODERATOR_TOKEN, startFloodFreeRuntime, validComment } from '../support/runtime';
import { launchChromium } from './chromium';

let runtime: LocalRuntime;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];

const PLAIN = 'The full transcript is at https://news.example/g20/transcript?lang=en. Worth reading (https://archive.example/x).';
const HOSTILE = [
  'javascript:alert(1) data:text/html,<script>window.__pwned=1</script> www.example.com',
  'https://evil.example/"><img src=x onerror="window.__pwned=1"> and <a href="javascript:alert(2)">click</a>',
  'xhttp://glued.example ftp://files.example http:// mailto:a@b.example',
].join('\n');

async function publish(comment: string): Promise<void> {
  const posted = await api(runtime, 'POST', `/articles/${DEMO_ARTICLE_ID}/comments`, { body: validComment({ comment }) });
  expect(posted.status).toBe(202);
  const approved = await api(runtime, 'POST', `/admin/comments/${posted.body.id}/approve`, { token: MODERATOR_TOKEN });
  expect(approved.status).toBe(200);
}

const content = (text: string) => page.locator('li.comment > .comment-body', { hasText: text }).locator('.comment-content');

beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
  // Links count towards maxLinks; publishing them by hand is what a moderator would do.
  await publish(PLAIN);
  await publish(HOSTILE);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(5000);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${runtime.url}/`);
  await page.locator('.comment-list[aria-busy="false"]').waitFor({ state: 'attached' });
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('links in published comments', () => {
  it('makes each http(s) address a nofollow link, without the punctuation after it', async () => {
    const links = content('full transcript').locator('a');
    expect(await links.count()).toBe(2);
    expect(await links.evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]))).toEqual([
      ['https://news.example/g20/transcript?lang=en', 'https://news.example/g20/transcript?lang=en', 'nofollow ugc noopener'],
      ['https://archive.example/x', 'https://archive.example/x', 'nofollow ugc noopener'],
    ]);
    // The sentence reads as it was written.
    expect(await content('full transcript').textContent()).toBe(PLAIN);
  });

  it('keeps hostile text as text: no markup, no script, only the one real address linked', async () => {
    const hostile = content('javascript:alert(1)');
    // Each line is a text run (line breaks are <br> elements), exactly as typed.
    expect(await hostile.textContent()).toBe(HOSTILE.replaceAll('\n', ''));
    expect(await hostile.locator('br').count()).toBe(2);
    expect(await hostile.locator('img, script').count()).toBe(0);
    const hrefs = await hostile.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['https://evil.example/']);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
