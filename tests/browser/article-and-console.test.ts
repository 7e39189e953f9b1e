/**
 * The article page and the moderators' console in a real Chromium, against
 * the local runtime: what readers and moderators see and do.
 *
 * Screenshots go to docs/ when UPDATE_SCREENSHOTS=1, otherwise to a temporary
 * directory (so a test run leaves the committed ones alone).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { bundleWebAssets, gzippedSize } from '../../scripts/build-web';
import { DEMO_ARTICLE_ID } from '../../scripts/local/pages';
import { api, MODERATOR_TOKEN, startFloodFreeRuntime, validComment } from '../support/runtime';
import { launchChromium } from './chromium';

const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const SCREENSHOTS = UPDATE_SCREENSHOTS ? resolve('docs') : mkdtempSync(join(tmpdir(), 'screenshots-'));

let runtime: LocalRuntime;
let browser: Browser;
/** The reader who comments, in their own browser context (their storage survives reloads). */
let reader: Page;
const emailsUsed: string[] = [];

async function post(articleId: string, fields: Record<string, unknown> = {}): Promise<string> {
  const body = validComment(fields);
  emailsUsed.push(body.email);
  const response = await api(runtime, 'POST', `/articles/${articleId}/comments`, { body });
  expect(response.status).toBe(202);
  return response.body.id as string;
}

async function moderate(id: string, action: 'approve' | 'reject' | 'spam'): Promise<void> {
  const response = await api(runtime, 'POST', `/admin/comments/${id}/${action}`, { token: MODERATOR_TOKEN });
  expect(response.status).toBe(200);
}

async function publish(articleId: string, fields: Record<string, unknown> = {}): Promise<string> {
  const id = await post(articleId, fields);
  await moderate(id, 'approve');
  return id;
}

async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  return { context, page };
}

/** Opens a page with the comments section and waits until its comments are loaded. */
async function openComments(page: Page, url = `${runtime.url}/`): Promise<void> {
  await page.goto(url);
  await page.locator('.comment-list[aria-busy="false"]').waitFor({ state: 'attached' });
}

const commentItem = (page: Page, text: string) =>
  page.locator('li.comment', { has: page.locator(':scope > .comment-body', { hasText: text }) });

beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
  // These tests are about the page and the console, not triage: the builtin classifiers would hold or file their made-up spam.
  const triageOff = await api(runtime, 'PUT', '/admin/settings', {
    token: MODERATOR_TOKEN,
    body: { triage: { spam: { provider: null }, toxicity: { provider: null } } },
  });
  if (triageOff.status !== 200) throw new Error(`could not turn triage off: ${triageOff.status} ${triageOff.text}`);
  browser = await launchChromium();
  await publish(DEMO_ARTICLE_ID, {
    author: 'Taras Melnyk',
    url: 'https://taras.example.org',
    comment: 'If the offer was real, turning it down says a lot about what the Kremlin actually wants.',
  });
  await publish(DEMO_ARTICLE_ID, {
    author: 'Maria Hoffmann',
    comment: 'Peskov answering with a single “No” is not exactly a denial of the substance.',
  });
  await post(DEMO_ARTICLE_ID, { author: 'Early Bird', comment: 'Posted before everyone else and still waiting for a moderator.' });
  ({ page: reader } = await newPage());
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  if (!UPDATE_SCREENSHOTS) rmSync(SCREENSHOTS, { recursive: true, force: true });
});

describe('a reader comments on the article', () => {
  const text = 'Freezing Crimea for seven years would only have postponed the next war.';
  const replyText = 'Agreed, Taras: the strike on the grid the same evening was the real answer.';

  it('is told what to fix, fixes it, and sees the comment awaiting moderation', async () => {
    const posts: string[] = [];
    reader.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await openComments(reader);
    await commentItem(reader, 'what the Kremlin actually wants').waitFor();

    await reader.getByLabel(/^Comment/).fill(text);
    await reader.getByLabel(/^Name/).fill('Olena Kovalenko');
    await reader.getByLabel(/^Email/).fill('olena.kovalenko@example');
    await reader.getByRole('button', { name: 'Post Comment' }).click();

    const email = reader.getByLabel(/^Email/);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await email.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(await reader.locator(`#${errorId}`).textContent()).toBe('Please enter a valid email address.');
    expect(await reader.evaluate(() => document.activeElement?.id)).toBe('email');
    expect(await reader.getByRole('status').filter({ hasText: 'Please correct the highlighted field.' }).count()).toBe(1);
    expect(posts).toEqual([]); // the browser checked it: nothing was sent

    emailsUsed.push('olena.kovalenko@example.com');
    await email.fill('olena.kovalenko@example.com');
    await reader.getByLabel(/^Website/).fill('https://olena.example.net');
    await reader.getByLabel('Save my name, email, and website in this browser for the next time I comment.').check();
    await reader.getByRole('button', { name: 'Post Comment' }).click();

    await reader.getByText('Thank you! Your comment is awaiting moderation.').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    const mine = commentItem(reader, text);
    expect(await mine.locator('.comment-awaiting-moderation-note').textContent()).toContain('Your comment is awaiting moderation.');
  });

  it('replies to a published comment, and still sees both after a reload', async () => {
    await commentItem(reader, 'what the Kremlin actually wants').getByRole('link', { name: 'Reply to Taras Melnyk' }).click();
    await reader.getByRole('heading', { name: /Leave a Reply to Taras Melnyk/ }).waitFor();
    expect(await reader.evaluate(() => document.activeElement?.id)).toBe('comment');
    await reader.getByLabel(/^Comment/).fill(replyText);
    await reader.getByRole('button', { name: 'Post Comment' }).click();
    await reader.getByText('Thank you! Your comment is awaiting moderation.').waitFor();
    expect(await commentItem(reader, 'what the Kremlin actually wants').locator('ol.children').textContent()).toContain(replyText);

    await openComments(reader);
    expect(await commentItem(reader, text).locator('.comment-awaiting-moderation-note').count()).toBe(1);
    expect(await commentItem(reader, replyText).locator('.comment-awaiting-moderation-note').count()).toBe(1);
    // Ticked "Save my name…": the form remembers the reader.
    expect(await reader.getByLabel(/^Name/).inputValue()).toBe('Olena Kovalenko');
    expect(await reader.getByLabel(/^Email/).inputValue()).toBe('olena.kovalenko@example.com');
  });
});

describe('a moderator works the queue', () => {
  let moderator: Page;
  let staleId: string;

  beforeAll(async () => {
    staleId = await post(DEMO_ARTICLE_ID, { author: 'Second Moderator Test', comment: 'A comment another moderator is about to approve.' });
    await post(DEMO_ARTICLE_ID, { author: 'Spam Bot', comment: 'Cheap watches at http://spam.example and http://spam.example/2' });
    await post(DEMO_ARTICLE_ID, {
      author: 'Spam Bot',
      comment: 'Buy followers now at http://spam.example/followers and http://spam.example/more',
    });
    ({ page: moderator } = await newPage());
  });

  it('signs in with the moderator token and approves the reader’s comments with the keyboard', async () => {
    await moderator.goto(`${runtime.url}/admin`);
    await moderator.getByLabel('Moderator token').fill('not-the-token');
    await moderator.getByRole('button', { name: 'Sign in' }).click();
    await moderator.getByText('That token was not accepted.').waitFor();
    await moderator.getByLabel('Moderator token').fill(MODERATOR_TOKEN);
    await moderator.getByRole('button', { name: 'Sign in' }).click();
    await moderator.locator('.queue-item').first().waitFor();
    await moderator.getByText('j next').waitFor(); // the shortcuts are on the page
    await moderator.screenshot({ path: join(SCREENSHOTS, 'moderation-console.png') });

    const texts = await moderator.locator('.queue-item .item-text').allTextContents();
    const index = texts.findIndex((t) => t.includes('Freezing Crimea'));
    expect(index).toBeGreaterThan(0); // oldest first: the reader's comments come after the earlier ones
    const item = moderator.locator('.queue-item').nth(index);
    expect(await item.locator('.item-email').textContent()).toBe('olena.kovalenko@example.com');
    expect(await item.locator('.item-website').textContent()).toBe('https://olena.example.net');
    expect(await item.locator('.item-article').textContent()).toContain(DEMO_ARTICLE_ID);
    expect(await item.locator('.item-reasons').textContent()).not.toBe('');

    for (let i = 0; i < index; i++) await moderator.keyboard.press('j');
    expect(await moderator.locator('.queue-item.is-current .item-text').textContent()).toContain('Freezing Crimea');
    await moderator.keyboard.press('a');
    await moderator.getByText('Approved the comment by “Olena Kovalenko”.').waitFor();
    expect(await moderator.locator('.queue-item .item-text', { hasText: 'Freezing Crimea' }).count()).toBe(0);

    // The next one (her reply) is now the current item.
    expect(await moderator.locator('.queue-item.is-current .item-text').textContent()).toContain('Agreed, Taras');
    await moderator.keyboard.press('a');
    await moderator.waitForFunction(() => !document.querySelector('.queue')?.textContent?.includes('Agreed, Taras'));
  });

  it('shows a comment someone else changed meanwhile, reloaded, instead of overwriting it', async () => {
    await moderate(staleId, 'approve'); // another moderator, a moment ago
    const item = moderator.locator('.queue-item', { hasText: 'another moderator is about to approve' });
    await item.getByRole('button', { name: 'Reject' }).click();
    await moderator.getByText('changed by someone else and reloaded').waitFor();
    expect(await item.locator('.item-notice').textContent()).toContain('Someone else changed this comment');
    expect(await item.locator('.item-status').textContent()).toBe('approved');
    expect((await api(runtime, 'GET', `/admin/comments/${staleId}`, { token: MODERATOR_TOKEN })).body.status).toBe('approved');

    await item.getByRole('button', { name: 'History' }).click();
    await item.locator('.history-list li', { hasText: 'local-moderator · pending → approved' }).waitFor();
  });

  it('marks several comments as spam at once and the counts follow', async () => {
    for (const box of await moderator.locator('.queue-item', { hasText: 'Spam Bot' }).getByRole('checkbox').all()) await box.check();
    await moderator.getByRole('button', { name: 'Spam selected' }).click();
    await moderator.getByText('Marked 2 comments as spam.').waitFor();
    await moderator.waitForFunction(() => document.querySelector('.tab[data-status="spam"] .count')?.textContent === '2');

    await moderator.getByRole('button', { name: /^Approved/ }).click();
    await moderator.locator('.queue-item', { hasText: 'Freezing Crimea' }).waitFor();
  });

  it("shows the author's record beside a comment and opens every comment of that email", async () => {
    const email = 'returning.reader@example.com';
    await publish(DEMO_ARTICLE_ID, { email, author: 'Returning Reader', comment: 'My first, published comment.' });
    const rejected = await post('another-article', { email, author: 'Returning Reader', comment: 'My second, rejected comment.' });
    await moderate(rejected, 'reject');
    await post(DEMO_ARTICLE_ID, { email, author: 'Returning Reader', comment: 'My third comment, waiting.' });

    await moderator.getByRole('button', { name: /^Pending/ }).click();
    const item = moderator.locator('.queue-item', { hasText: 'My third comment, waiting.' });
    await item.waitFor();
    expect(await item.locator('.item-record').textContent()).toContain("Author's record: 1 approved, 1 rejected, 0 spam");

    await item.getByRole('button', { name: 'All comments of this email' }).click();
    await moderator.getByText(`All comments of ${email}, newest first.`).waitFor();
    await moderator.locator('.queue-item', { hasText: 'My first, published comment.' }).waitFor();
    const listed = await moderator.locator('.queue-item .item-text').allTextContents();
    expect(listed).toEqual(['My third comment, waiting.', 'My second, rejected comment.', 'My first, published comment.']);
    expect(await moderator.locator('.queue-item .item-status').allTextContents()).toEqual(['pending', 'rejected', 'approved']);

    await moderator.getByRole('button', { name: 'Back to the tabs' }).click();
    await moderator.waitForFunction(() => !document.querySelector('.queue')?.textContent?.includes('My first, published comment.'));
    expect(await moderator.locator('.queue-scope').isHidden()).toBe(true);
  });
});

describe('the published article page', () => {
  it('shows the reader’s comment and reply in their thread once approved', async () => {
    await openComments(reader);
    const mine = commentItem(reader, 'Freezing Crimea');
    expect(await mine.locator('.comment-awaiting-moderation-note').count()).toBe(0);
    const link = mine.getByRole('link', { name: 'Olena Kovalenko', exact: true });
    expect(await link.getAttribute('rel')).toBe('nofollow ugc noopener');
    expect(await link.getAttribute('href')).toBe('https://olena.example.net/');
    const thread = commentItem(reader, 'what the Kremlin actually wants');
    expect(await thread.locator('ol.children > li.depth-2').textContent()).toContain('Agreed, Taras');
    expect(await reader.locator('.comment-awaiting-moderation').count()).toBe(0);

    // For the docs: the page as any other reader sees it.
    const { page, context } = await newPage();
    await openComments(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'article-page.png'), fullPage: true });
    await context.close();
  });

  it('shows HTML in a comment as text and runs none of it', async () => {
    const attack = '<img src=x onerror="window.__pwned=true;alert(1)"> <script>window.__pwned=true;alert(2)</script>';
    await publish(DEMO_ARTICLE_ID, { author: '<b>Mallory</b>', comment: attack });
    const { page, context } = await newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openComments(page);
    const item = commentItem(page, 'window.__pwned');
    expect(await item.locator('.comment-content').textContent()).toBe(attack);
    expect(await item.locator('.comment-content img, .comment-content script').count()).toBe(0);
    expect(await item.locator('.fn').textContent()).toBe('Mallory');
    expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('never shows an email address, in the page or in anything it loads', async () => {
    const { page, context } = await newPage();
    // Every response is read, error answers included; a body that cannot be read fails the test rather than
    // passing unsearched. Only redirects have no body to read.
    const bodies: Array<Promise<{ url: string; status: number; text: string | null }>> = [];
    page.on('response', (response) => {
      const status = response.status();
      if (status >= 300 && status < 400) return;
      bodies.push(
        response.text().then(
          (text) => ({ url: response.url(), status, text }),
          () => ({ url: response.url(), status, text: null }),
        ),
      );
    });
    await openComments(page);
    await commentItem(page, 'Freezing Crimea').waitFor();
    // An error answer the page could get: a post the API refuses (422) still carries its email.
    emailsUsed.push('refused.reader@example.com');
    const refused = await page.evaluate(async (apiUrl) => {
      const response = await fetch(`${apiUrl}/articles/no-such-text/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ comment: '', author: 'Refused Reader', email: 'refused.reader@example.com' }),
      });
      return { status: response.status, text: await response.text() };
    }, runtime.apiUrl);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('"fields"');
    const read = await Promise.all(bodies);
    expect(read.filter((r) => r.text === null).map((r) => `${r.status} ${r.url}`)).toEqual([]);
    expect(read.filter((r) => r.status >= 400).length, 'error answers were searched too').toBeGreaterThan(0);
    const everything = [await page.content(), await page.evaluate(() => document.body.textContent), ...read.map((r) => r.text ?? '')].join(
      '\n',
    );
    expect(emailsUsed.length).toBeGreaterThan(3);
    for (const email of emailsUsed) expect(everything).not.toContain(email);
    expect(everything).not.toMatch(/[\w.+-]+@example\.(com|net|org)/);
    await context.close();
  });

  it('takes a plain form post without JavaScript and comes back with the outcome', async () => {
    const { page, context } = await newPage({ javaScriptEnabled: false });
    await page.goto(`${runtime.url}/`);
    const fill = async (email: string, text: string) => {
      await page.getByLabel(/^Comment/).fill(text);
      await page.getByLabel(/^Name/).fill('Petro No-Script');
      await page.getByLabel(/^Email/).fill(email);
      await page.getByRole('button', { name: 'Post Comment' }).click();
    };
    // The browser accepts this address; the server's rules do not.
    await fill('petro@localhost', 'Posted from a browser without JavaScript.');
    await page.waitForURL(/comment_error=/);
    expect(await page.locator('.comment-form-status').textContent()).toContain('Please enter a valid email address.');

    emailsUsed.push('petro@example.org');
    await fill('petro@example.org', 'Posted from a browser without JavaScript.');
    await page.waitForURL(/comment_status=pending/);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(new URL(page.url()).hash).toBe('#respond');
    expect(await page.locator('.comment-form-status').textContent()).toBe('Thank you! Your comment is awaiting moderation.');
    const queue = await api(runtime, 'GET', '/admin/comments?status=pending', { token: MODERATOR_TOKEN });
    expect(queue.body.comments.map((c: { comment: string }) => c.comment)).toContain('Posted from a browser without JavaScript.');
    await context.close();
  });
});

describe('the form embedded on another page', () => {
  const ARTICLE = 'threads-demo';
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPage());
    // A customer's page: just a container and the one script tag.
    await page.route(`${runtime.url}/customer-page`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>Customer</title><h1>Someone else's site</h1><div id="comments"></div>
<script src="${runtime.url}/assets/comments.js" data-api-url="${runtime.apiUrl}" data-article-id="${ARTICLE}" data-page-size="3"></script>`,
      }),
    );
  });

  it('nests replies at most five deep, lifts orphans to the top, and pages with "Load more comments"', async () => {
    const chain: string[] = [];
    for (let depth = 1; depth <= 6; depth++)
      chain.push(await publish(ARTICLE, { comment: `Level ${depth} comment.`, parentId: chain.at(-1) }));
    const lostParent = await publish(ARTICLE, { comment: 'A parent that will be rejected.' });
    await publish(ARTICLE, { comment: 'An orphaned reply.', parentId: lostParent });
    await moderate(lostParent, 'reject');

    await openComments(page, `${runtime.url}/customer-page`);
    expect(await page.locator('li.comment').count()).toBe(3);
    const more = page.getByRole('button', { name: 'Load more comments' });
    while (await more.isVisible()) {
      await more.click();
      await page.locator('.comment-list[aria-busy="false"]').waitFor({ state: 'attached' });
    }
    expect(await page.locator('li.comment').count()).toBe(7);
    expect(await page.locator('.comments-title').textContent()).toBe('7 comments');

    const depthOf = async (text: string) => (await commentItem(page, text).getAttribute('class'))!.match(/depth-(\d)/)![1];
    expect(await Promise.all([1, 2, 3, 4, 5, 6].map((n) => depthOf(`Level ${n} comment.`)))).toEqual(['1', '2', '3', '4', '5', '5']);
    expect(await commentItem(page, 'Level 4 comment.').locator(':scope > .comment-body .comment-reply-link').count()).toBe(1);
    expect(await commentItem(page, 'Level 5 comment.').locator(':scope > .comment-body .comment-reply-link').count()).toBe(0);
    expect(await depthOf('An orphaned reply.')).toBe('1');
  });

  it('explains a closed article, a duplicate and posting too fast in plain words', async () => {
    const status = page.locator('.comment-form-status');
    const send = async (text: string) => {
      await page.getByLabel(/^Comment/).fill(text);
      await page.getByLabel(/^Name/).fill('Iryna');
      await page.getByLabel(/^Email/).fill('iryna@example.com');
      await page.getByRole('button', { name: 'Post Comment' }).click();
      await page.locator('#submit:not([disabled])').waitFor();
      return status.textContent();
    };
    emailsUsed.push('iryna@example.com');
    expect(await send('Said once.')).toBe('Thank you! Your comment is awaiting moderation.');
    expect(await send('Said once.')).toBe("Duplicate comment detected; it looks as though you've already said that!");

    await api(runtime, 'PUT', `/admin/articles/${ARTICLE}`, { token: MODERATOR_TOKEN, body: { commentsOpen: false } });
    expect(await send('Anyone still here?')).toBe('Sorry, comments are closed for this article.');

    await api(runtime, 'PUT', `/admin/articles/${ARTICLE}`, { token: MODERATOR_TOKEN, body: { commentsOpen: true } });
    await api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: { floodSeconds: 600 } });
    expect(await send('Quick, another one.')).toBe('Thank you! Your comment is awaiting moderation.');
    expect(await send('And one more, straight away.')).toMatch(
      /^You are posting comments too quickly\. Please wait \d+ seconds and try again\.$/,
    );
  });
});

describe('the embeddable script', () => {
  it('stays under 15 KB gzipped, without the server-side validation library', async () => {
    const script = (await bundleWebAssets()).find((asset) => asset.path === 'assets/comments.js')!;
    expect(gzippedSize(script)).toBeLessThan(15 * 1024);
    expect(new TextDecoder().decode(script.contents)).not.toMatch(/zod/i);
  });
});
