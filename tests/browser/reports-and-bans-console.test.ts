/** The console in a real Chromium: the Reported tab with reasons and notes, `b` bans from the focused comment, the Bans page (beside Settings and Articles) lists and lifts. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { fromAddress } from '../support/from-address';
import { api, MODERATOR_TOKEN, startFloodFreeRuntime, validComment } from '../support/runtime';
import { launchChromium } from './chromium';

const ARTICLE = 'console-reports';
let runtime: LocalRuntime;
let browser: Browser;
let page: Page;
let id: string;

beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
  browser = await launchChromium();
  const posted = await api(runtime, 'POST', `/articles/${ARTICLE}/comments`, {
    body: validComment({ author: 'Shouting Sam', email: 'sam@example.com', comment: 'You are all sheep.' }),
  });
  id = posted.body.id;
  await api(runtime, 'POST', `/admin/comments/${id}/approve`, { token: MODERATOR_TOKEN });
  const reports = ['abuse', 'abuse', 'spam'].map((reason, i) =>
    fromAddress(`127.0.0.${30 + i}`, `${runtime.apiUrl}/articles/${ARTICLE}/comments/${id}/reports`, {
      method: 'POST',
      body: JSON.stringify(i === 0 ? { reason, note: 'Name-calling again.' } : { reason }),
    }),
  );
  for (const answer of await Promise.all(reports)) expect(answer.status).toBe(202);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.setDefaultTimeout(5000);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

it('shows reported comments with their reasons and notes, bans with `b`, and lists and lifts the ban', async () => {
  await page.goto(`${runtime.url}/admin`);
  await page.getByLabel('Moderator token').fill(MODERATOR_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.tab[data-status="reported"]').click();
  const item = page.locator('.queue-item', { hasText: 'You are all sheep.' });
  await item.waitFor();
  expect(await item.locator('.item-reports').textContent()).toContain('Reported by 3 readers: abuse 2, spam 1');
  expect(await item.locator('.item-report-notes li').allTextContents()).toEqual(['Name-calling again.']);
  expect(await item.locator('.item-reasons').textContent()).toContain('3 readers reported it: abuse 2, spam 1');

  // `b` on the focused comment opens the Ban dialog; the keyboard fills it in.
  await item.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('b');
  const dialog = page.getByRole('dialog', { name: 'Ban this author' });
  await dialog.waitFor();
  await page.getByLabel('Ban', { exact: true }).selectOption('email');
  await page.getByLabel('Days (empty: never ends)').fill('30');
  await page.getByLabel('Reason').fill('abuse');
  await dialog.getByRole('button', { name: 'Ban' }).click();
  await page.getByText('Banned the email of the author of the comment by “Shouting Sam”.').waitFor();

  const bans = (await api(runtime, 'GET', '/admin/bans', { token: MODERATOR_TOKEN })).body.bans;
  expect(bans).toEqual([expect.objectContaining({ scope: 'email', email: 'sam@example.com', commentId: id, reason: 'abuse' })]);

  // The bans are a page of their own in the navigation, not a tab of the queue.
  expect(await page.locator('.tabs .tab', { hasText: 'Bans' }).count()).toBe(0);
  await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Bans' }).click();
  await page.getByRole('heading', { name: 'Bans', level: 2 }).waitFor();
  expect(page.url()).toMatch(/#\/bans$/);
  const row = page.locator('.bans-list .ban');
  await row.waitFor();
  expect(await row.textContent()).toContain('sam@example.com');
  expect(await row.textContent()).toContain('abuse');
  expect(await page.locator('.bans-summary').textContent()).toBe('1 ban in force.');
  await row.getByRole('button', { name: 'Lift the ban sam@example.com' }).click();
  await page.getByRole('status').filter({ hasText: 'Ban lifted: sam@example.com may comment again.' }).waitFor();
  expect(await row.count()).toBe(0);
  expect(await page.locator('.bans-summary').textContent()).toBe('No bans in force.');
  expect((await api(runtime, 'GET', '/admin/bans', { token: MODERATOR_TOKEN })).body.bans).toEqual([]);
  await page.reload();
  await page.locator('.bans-list[aria-busy="false"]').waitFor({ state: 'attached' });
  expect(await page.locator('.bans-summary').textContent()).toBe('No bans in force.');
});
