/** The Report dialog of the form script in a real Chromium: keyboard only, four reasons and a note, then a thank-you; the report counts. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ARTICLE_ID } from '../../scripts/local/pages';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { api, MODERATOR_TOKEN, startFloodFreeRuntime, validComment } from '../support/runtime';
import { launchChromium } from './chromium';
import { seriousAxeViolations } from './page-checks';

let runtime: LocalRuntime;
let browser: Browser;
let page: Page;
let id: string;

beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
  browser = await launchChromium();
  const posted = await api(runtime, 'POST', `/articles/${DEMO_ARTICLE_ID}/comments`, {
    body: validComment({ author: 'Loud Reader', comment: 'Everyone who disagrees with me is an idiot.' }),
  });
  id = posted.body.id;
  expect((await api(runtime, 'POST', `/admin/comments/${id}/approve`, { token: MODERATOR_TOKEN })).status).toBe(200);
  // bypassCSP: the accessibility audit injects axe-core as a script, which the page's own CSP would refuse.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
  page.setDefaultTimeout(5000);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

it('reports a comment with the keyboard alone: reason, note, thank-you, focus back on the link', async () => {
  await page.goto(`${runtime.url}/`);
  const link = page.getByRole('button', { name: 'Report the comment by Loud Reader' });
  await link.focus();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Report this comment' });
  await dialog.waitFor();
  expect(await dialog.getByRole('radio').count()).toBe(4);
  // Sending without a reason is refused in the dialog, nothing is sent.
  await dialog.getByRole('button', { name: 'Send report' }).click();
  expect(await dialog.getByRole('alert').textContent()).toBe('Choose a reason.');
  // The open dialog, with its error showing, passes the accessibility audit.
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Focus is on the first reason; arrow keys move among them.
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('spam');
  await page.keyboard.press('ArrowDown');
  expect(await dialog.getByRole('radio', { name: 'Abusive or hateful' }).isChecked()).toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Insults everyone who disagrees.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  await dialog.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.keyboard.press('Enter'); // Close has the focus
  await dialog.waitFor({ state: 'hidden' });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Report the comment by Loud Reader');

  const comment = await api(runtime, 'GET', `/admin/comments/${id}`, { token: MODERATOR_TOKEN });
  expect(comment.body.reports).toEqual({ count: 1, reasons: { abuse: 1 }, notes: ['Insults everyone who disagrees.'] });

  // Escape closes the dialog without sending anything.
  await link.focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect((await api(runtime, 'GET', `/admin/comments/${id}`, { token: MODERATOR_TOKEN })).body.reports.count).toBe(1);
});
