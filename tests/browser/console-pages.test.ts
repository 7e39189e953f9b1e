/**
 * The console's pages in a real Chromium against the local runtime:
 * Settings, Triage, Articles, Bans, Privacy requests and the header's queue figures, used
 * with the keyboard; every page on a 390 px phone; an axe-core audit of the
 * article page and every console page.
 *
 * Screenshots go to docs/ only with UPDATE_SCREENSHOTS=1.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { api, MODERATOR_TOKEN, startFloodFreeRuntime, validComment } from '../support/runtime';
import { launchChromium } from './chromium';
import { overlap, PHONE, phoneLayout, seriousAxeViolations, signInContext } from './page-checks';

const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const CONSOLE_PAGES = ['queue', 'settings', 'triage', 'articles', 'bans', 'privacy'] as const;

let runtime: LocalRuntime;
let browser: Browser;

async function post(articleId: string, fields: Record<string, unknown> = {}): Promise<string> {
  const response = await api(runtime, 'POST', `/articles/${articleId}/comments`, { body: validComment(fields) });
  expect(response.status).toBe(202);
  return response.body.id as string;
}

/** A rejected comment by `email`, banned through the API: the Bans page has something to list, and the queue stays as it was. */
async function banEmail(email: string, reason: string, days: number | null): Promise<string> {
  const id = await post('banned-authors', { email, author: 'Persistent Spammer' });
  expect((await api(runtime, 'POST', `/admin/comments/${id}/reject`, { token: MODERATOR_TOKEN })).status).toBe(200);
  const banned = await api(runtime, 'POST', `/admin/comments/${id}/ban`, {
    token: MODERATOR_TOKEN,
    body: { scope: 'email', days, reason },
  });
  expect(banned.status).toBe(201);
  return banned.body.ban.id as string;
}

async function moderatorPage(viewport = { width: 1280, height: 900 }, options: { bypassCSP?: boolean } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  await signInContext(context);
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  return { context, page };
}

/** Opens a console page by its address and waits for its heading. */
async function openConsole(page: Page, path: string): Promise<void> {
  await page.goto(`${runtime.url}/admin#/${path}`);
  await page.locator('.page-title').waitFor();
  if (path === 'queue') await page.locator('.queue-item, .queue-empty:not([hidden])').first().waitFor();
  if (path === 'settings') await page.locator('.settings-form[aria-busy="false"]').waitFor();
  if (path === 'bans') await page.locator('.bans-list[aria-busy="false"]').waitFor({ state: 'attached' });
  if (path === 'triage') await page.locator('.triage-body[aria-busy="false"]').waitFor({ state: 'attached' });
}

const settingsNow = async () => (await api(runtime, 'GET', '/admin/settings', { token: MODERATOR_TOKEN })).body;

beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
  browser = await launchChromium();
  await post('queue-figures', { author: 'First In Line', comment: 'The oldest comment in the queue.' });
  await post('queue-figures', { author: 'Second In Line', comment: 'Another comment waiting for a moderator.' });
  await banEmail('link.farmer@example.org', 'link farm', null);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('the header', () => {
  it('shows how many comments wait and for how long the oldest has waited, on every page', async () => {
    const { page, context } = await moderatorPage();
    for (const path of CONSOLE_PAGES) {
      await openConsole(page, path);
      await page.locator('.queue-size').waitFor();
      expect(await page.locator('.queue-summary').textContent()).toMatch(/^Queue: 2 waiting, the oldest for (just now|\d+ min)$/);
    }
    expect(await page.title()).toBe('(2) Comment moderation');

    // The queue's shortcuts belong to the queue page: `a` elsewhere approves nothing unseen.
    await page.locator('.page-title').focus();
    await page.keyboard.press('a');
    await page.keyboard.press('s');
    const queue = await api(runtime, 'GET', '/admin/comments?status=pending', { token: MODERATOR_TOKEN });
    expect(queue.body.comments).toHaveLength(2);
    await context.close();
  });
});

describe('the Settings page', () => {
  it('is reached and used with the keyboard; the API’s field errors sit next to their fields and nothing is saved', async () => {
    const { page, context } = await moderatorPage();
    await openConsole(page, 'queue');
    await page.getByRole('link', { name: 'Settings' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.settings-form[aria-busy="false"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Settings'); // the page's heading
    expect(await page.getByLabel('Hold comments with at least this many links').inputValue()).toBe('2');
    expect(await page.getByLabel('New comments').inputValue()).toBe('true'); // a person sees every comment

    const before = await settingsNow();
    await page.getByLabel('Hold comments with at least this many links').fill('5000');
    await page.getByLabel('Hold comments containing').fill('casino\n**');
    await page.getByLabel('Delete spam after … days').fill('soon');
    await page.getByLabel('Hold comments containing').focus();
    await page.keyboard.press('Shift+Tab');
    await page.getByRole('button', { name: 'Save settings' }).focus();
    await page.keyboard.press('Enter');

    const maxLinks = page.getByLabel('Hold comments with at least this many links');
    await page.locator('#maxLinks-error:not([hidden])').waitFor();
    expect(await page.locator('#maxLinks-error').textContent()).toBe(
      'maxLinks must be a whole number from 0 to 1000 (0 turns the rule off).',
    );
    expect(await maxLinks.getAttribute('aria-invalid')).toBe('true');
    expect(await maxLinks.getAttribute('aria-describedby')).toContain('maxLinks-error');
    expect(await page.locator('#moderationWords-error').textContent()).toContain('moderationWords must be a list');
    expect(await page.locator('#retention-error').textContent()).toContain('retention must be');
    expect(await page.locator('#floodSeconds-error').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('maxLinks');
    await page.getByRole('alert').filter({ hasText: 'Nothing was saved: 3 settings need correcting.' }).waitFor();
    expect(await settingsNow()).toEqual(before);

    await maxLinks.fill('3');
    await page.getByLabel('Hold comments containing').fill('casino\n*crypto*');
    await page.getByLabel('Delete spam after … days').fill('');
    await page.getByLabel('Close comments this many days after publication').fill('14');
    await page.getByLabel('Close comments this many days after publication').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    expect(await page.locator('.field-error:not([hidden])').count()).toBe(0);
    const after = await settingsNow();
    expect(after).toMatchObject({
      maxLinks: 3,
      moderationWords: ['casino', '*crypto*'],
      closeAfterDays: 14,
      retention: { spamDays: null, rejectedDays: 90 },
      floodSeconds: 0,
      version: before.version + 1,
    });
    if (UPDATE_SCREENSHOTS) await page.screenshot({ path: resolve('docs', 'console-settings.png'), fullPage: true });
    await api(runtime, 'PUT', '/admin/settings', {
      token: MODERATOR_TOKEN,
      body: { maxLinks: 2, closeAfterDays: null, moderationWords: [] },
    });
    await context.close();
  });

  it('explains a save that someone else’s save overtook, keeps nothing of it, and reloads on request', async () => {
    const { page, context } = await moderatorPage();
    await openConsole(page, 'settings');
    await api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: { disallowedWords: ['viagra'] } }); // another moderator
    await page.getByLabel('Seconds between two comments from one address or email').fill('60');
    await page.getByRole('button', { name: 'Save settings' }).click();

    await page.getByRole('alert').filter({ hasText: 'Someone else saved the settings while you were editing them' }).waitFor();
    const reload = page.getByRole('button', { name: 'Load the current settings' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Load the current settings');
    expect(await page.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Seconds between two comments from one address or email').inputValue()).toBe('60'); // the edit is still on screen
    expect((await settingsNow()).floodSeconds).toBe(0);

    await page.keyboard.press('Enter');
    await reload.waitFor({ state: 'hidden' });
    expect(await page.getByLabel('Mark as spam comments containing').inputValue()).toBe('viagra');
    expect(await page.getByLabel('Seconds between two comments from one address or email').inputValue()).toBe('0');
    expect(await page.getByRole('button', { name: 'Save settings' }).isEnabled()).toBe(true);
    await context.close();
  });
});

describe('the Settings page’s triage and reports', () => {
  it('saves the classifiers, the toxicity score, automatic decisions and the reports threshold; a reload shows them', async () => {
    const { page, context } = await moderatorPage();
    await openConsole(page, 'settings');
    const premoderation = page.getByLabel('New comments');
    const spam = page.getByLabel('Spam classifier');
    const toxicity = page.getByLabel('Toxicity classifier');
    const holdAt = page.getByLabel('Hold comments whose toxicity score is at least');
    const maxError = page.getByLabel('Largest error an automatic decision may have');
    const audit = page.getByLabel('Share of automatic decisions a person checks anyway');
    const minExamples = page.getByLabel('Decided comments of similar score needed first');
    const threshold = page.getByLabel('Reports from different readers that send a published comment back to the queue');
    expect(await spam.inputValue()).toBe('builtin');
    expect(await toxicity.inputValue()).toBe('builtin');
    expect(await holdAt.inputValue()).toBe('0.5');
    expect([await maxError.inputValue(), await audit.inputValue(), await minExamples.inputValue()]).toEqual(['0.01', '0.02', '200']);
    expect(await threshold.inputValue()).toBe('3');
    expect(await page.getByRole('group', { name: 'Automated triage' }).textContent()).toContain('-c classifiers=');

    const before = await settingsNow();
    await toxicity.selectOption({ label: 'off' });
    await holdAt.fill('0,4'); // as a phone's keyboard may type it
    await premoderation.selectOption('auto');
    await maxError.fill('0,02');
    await audit.fill('0.05');
    await minExamples.fill('300');
    await threshold.fill('5');
    await threshold.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    expect(await settingsNow()).toMatchObject({
      premoderation: 'auto',
      triage: {
        spam: { provider: 'builtin', sendPersonalData: false },
        toxicity: { provider: null, holdAt: 0.4, rejectAt: 0.9 },
        autoDecide: { maxError: 0.02, audit: 0.05, minExamples: 300 },
      },
      reports: { threshold: 5 },
      version: before.version + 1,
    });

    await page.reload();
    await page.locator('.settings-form[aria-busy="false"]').waitFor();
    expect(await toxicity.inputValue()).toBe('');
    expect(await toxicity.locator('option:checked').textContent()).toBe('off');
    expect(await holdAt.inputValue()).toBe('0.4');
    expect(await premoderation.inputValue()).toBe('auto');
    expect([await maxError.inputValue(), await audit.inputValue(), await minExamples.inputValue()]).toEqual(['0.02', '0.05', '300']);
    expect(await threshold.inputValue()).toBe('5');

    // Empty threshold: readers' reports off (the API's null).
    await threshold.fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    expect((await settingsNow()).reports).toEqual({ threshold: null });
    await api(runtime, 'PUT', '/admin/settings', {
      token: MODERATOR_TOKEN,
      body: { premoderation: before.premoderation, triage: before.triage, reports: before.reports },
    });
    await context.close();
  });

  it('shows the API’s message next to the field it is about and saves nothing', async () => {
    const { page, context } = await moderatorPage();
    await openConsole(page, 'settings');
    const before = await settingsNow();
    const maxError = page.getByLabel('Largest error an automatic decision may have');
    const threshold = page.getByLabel('Reports from different readers that send a published comment back to the queue');
    const save = page.getByRole('button', { name: 'Save settings' });

    await threshold.fill('0');
    await save.click();
    await page.locator('#reports-threshold-error:not([hidden])').waitFor();
    expect(await page.locator('#reports-threshold-error').textContent()).toBe(
      'reports must be { "threshold": null (reports off) or a whole number from 1 to 1000 }.',
    );
    expect(await threshold.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reports-threshold');
    await page.getByRole('alert').filter({ hasText: 'Nothing was saved: one setting needs correcting.' }).waitFor();
    expect(await settingsNow()).toEqual(before);

    // An automatic-decision bound out of range: the message sits on its section.
    await threshold.fill('4');
    await maxError.fill('0.5');
    await save.click();
    await page.locator('#triage-autoDecide-error:not([hidden])').waitFor();
    expect(await page.locator('#triage-autoDecide-error').textContent()).toMatch(/^triage\.autoDecide must be \{ "maxError": 0 to 0\.1/);
    expect(await page.locator('#reports-threshold-error').isHidden()).toBe(true);
    expect(await threshold.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('alert').filter({ hasText: 'Nothing was saved: one setting needs correcting.' }).waitFor();
    expect(await settingsNow()).toEqual(before);

    // Checks across settings come after the shape: a provider this deployment lacks.
    await maxError.fill('0.01');
    await page.getByLabel('Spam classifier').selectOption('akismet');
    await save.click();
    await page.locator('#triage-spam-provider-error:not([hidden])').waitFor();
    expect(await page.locator('#triage-spam-provider-error').textContent()).toContain('akismet is not enabled in this deployment');
    expect(await page.getByLabel('Spam classifier').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#triage-autoDecide-error').isHidden()).toBe(true);
    await page.getByRole('alert').filter({ hasText: 'Nothing was saved: one setting needs correcting.' }).waitFor();
    expect(await settingsNow()).toEqual(before);
    await context.close();
  });
});

describe('the Bans page', () => {
  it('lists the bans in force, newest first, and lifts one with the keyboard', async () => {
    const id = await banEmail('second.offender@example.org', 'threats', 7);
    const { page, context } = await moderatorPage();
    await openConsole(page, 'queue');
    await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Bans' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.bans-list[aria-busy="false"]').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bans'); // the page's heading
    const rows = page.locator('.bans-list .ban');
    expect(await page.locator('.bans-summary').textContent()).toBe('2 bans in force.');
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain('second.offender@example.org');
    expect(texts[0]).toMatch(/· until .* · threats/);
    expect(texts[1]).toContain('link.farmer@example.org');
    expect(texts[1]).toContain('never ends · link farm');

    await page.getByRole('button', { name: 'Lift the ban second.offender@example.org' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Ban lifted: second.offender@example.org may comment again.' }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.locator('.bans-summary').textContent()).toBe('1 ban in force.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Lift the ban link.farmer@example.org');
    const left = (await api(runtime, 'GET', '/admin/bans', { token: MODERATOR_TOKEN })).body.bans;
    expect(left.map((ban: { id: string }) => ban.id)).not.toContain(id);
    expect(left).toHaveLength(1);
    await context.close();
  });
});

describe('the Articles page', () => {
  it('looks an article up and closes its comments, with the keyboard', async () => {
    const { page, context } = await moderatorPage();
    await openConsole(page, 'articles');
    await page.getByLabel('Article id').fill('not an id!');
    await page.keyboard.press('Enter');
    await page.locator('#article-id-error:not([hidden])').waitFor();
    expect(await page.getByLabel('Article id').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Article id').fill('closing-time');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'closing-time' }).waitFor();
    expect(await page.getByLabel('Article id').getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('.article-state').textContent()).toBe('Comments are open.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('article-commentsOpen');
    await page.keyboard.press('Space'); // untick "Comments are open"
    await page.keyboard.press('Tab');
    await page.getByLabel('New comments on this article').selectOption({ label: 'hold every comment for moderation' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved: comments on closing-time are closed.' }).waitFor();
    expect(await page.locator('.article-state').textContent()).toBe('Comments are closed.');

    const stored = await api(runtime, 'GET', '/admin/articles/closing-time', { token: MODERATOR_TOKEN });
    expect(stored.body).toMatchObject({ commentsOpen: false, premoderation: true });
    const refused = await api(runtime, 'POST', '/articles/closing-time/comments', { body: validComment() });
    expect(refused.status).toBe(403);
    await context.close();
  });
});

describe('the Privacy requests page', () => {
  const email = 'oksana.privacy@example.org';

  it('downloads the export and erases after a confirmation that says how many comments', async () => {
    await post('privacy-article', { email, author: 'Oksana', comment: 'First comment of an address that asks to be forgotten.' });
    await post('privacy-article', { email, author: 'Oksana', comment: 'Second comment of the same address.' });
    const { page, context } = await moderatorPage();
    await openConsole(page, 'privacy');

    await page.getByLabel('Email address').fill('not-an-address');
    await page.keyboard.press('Enter');
    await page.locator('#privacy-email-error', { hasText: 'This is not a valid email address.' }).waitFor();

    await page.getByLabel('Email address').fill(email);
    await page.keyboard.press('Enter');
    await page.getByText('2 comments by this address found.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Download the export (JSON)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^privacy-export-[\d-T]+\.json$/);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported.email).toBe(email);
    expect(exported.comments.map((c: { comment: string }) => c.comment).sort()).toEqual([
      'First comment of an address that asks to be forgotten.',
      'Second comment of the same address.',
    ]);

    // Cancel first: Escape closes the confirmation and nothing happens.
    await page.getByRole('button', { name: 'Erase…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase this address’s data?' });
    await dialog.getByText('This anonymises 2 comments by this address').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await api(runtime, 'GET', `/admin/privacy/export?email=${email}`, { token: MODERATOR_TOKEN })).body.comments).toHaveLength(2);

    await page.getByRole('button', { name: 'Erase…' }).click();
    await dialog.getByRole('button', { name: 'Erase 2 comments' }).click();
    await page.getByRole('status').filter({ hasText: 'Erased: 2 comments changed' }).waitFor();
    expect((await api(runtime, 'GET', `/admin/privacy/export?email=${email}`, { token: MODERATOR_TOKEN })).body.comments).toHaveLength(0);
    await context.close();
  });
});

describe('on a phone, 390 px wide', () => {
  let page: Page;
  let context: BrowserContext;

  beforeAll(async () => {
    ({ page, context } = await moderatorPage(PHONE));
  });
  afterAll(() => context?.close());

  it('keeps the header readable: the title, who is signed in and Sign out do not overlap', async () => {
    await openConsole(page, 'queue');
    expect(await overlap(page, '#console-title', '.user-name')).toBe(false);
    expect(await overlap(page, '#console-title', '.sign-out')).toBe(false);
    expect(await overlap(page, '.user-name', '.sign-out')).toBe(false);
    expect(await overlap(page, '#console-title', '.queue-summary')).toBe(false);
  });

  it('shows every page’s link in the navigation on screen, each large enough to touch', async () => {
    await openConsole(page, 'queue');
    const links = await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link').all();
    expect(await Promise.all(links.map((link) => link.textContent()))).toEqual([
      'Queue',
      'Settings',
      'Triage',
      'Articles',
      'Bans',
      'Privacy requests',
    ]);
    for (const link of links) {
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    await page.getByRole('link', { name: 'Bans' }).click();
    await page.locator('.bans-list .ban').first().waitFor();
  });

  it('shows every queue tab on screen, and the keyboard shortcuts still work', async () => {
    await openConsole(page, 'queue');
    const tabs = await page.locator('.tabs .tab').all();
    expect(tabs.length).toBeGreaterThanOrEqual(4);
    for (const tab of tabs) {
      const box = (await tab.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await page.locator('.tabs .tab', { hasText: 'Spam' }).click(); // reachable by touch: no scrolling sideways
    await page.locator('.queue-empty:not([hidden])').waitFor();
    await page.locator('.tabs .tab', { hasText: 'Pending' }).click();
    await page.locator('.queue-item').first().waitFor();
    await page.keyboard.press('j');
    expect(await page.locator('.queue-item.is-current .item-text').textContent()).toBe('Another comment waiting for a moderator.');
    await page.keyboard.press('k');
    expect(await page.locator('.queue-item.is-current .item-text').textContent()).toBe('The oldest comment in the queue.');
    if (UPDATE_SCREENSHOTS) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: resolve('docs', 'console-phone.png') });
    }
  });

  it('lays out the sign-in page within the screen, with touch targets of at least 44 x 44 px', async () => {
    const signedOut = await browser.newContext({ viewport: PHONE });
    const page = await signedOut.newPage();
    await page.goto(`${runtime.url}/admin`);
    await page.getByLabel('Moderator token').waitFor();
    expect(await phoneLayout(page)).toEqual({ overflow: 0, smallTargets: [], offScreen: [] });
    await signedOut.close();
  });

  for (const path of CONSOLE_PAGES) {
    it(`lays out the ${path} page within the screen, with touch targets of at least 44 x 44 px`, async () => {
      await openConsole(page, path);
      if (path === 'articles') {
        await page.getByLabel('Article id').fill('a-rather-long-article-id-that-a-newsroom-might-use-2026-11-30');
        await page.keyboard.press('Enter');
        await page.locator('.article-form:not([hidden])').waitFor();
      }
      const layout = await phoneLayout(page);
      expect(layout.overflow).toBe(0);
      expect(layout.offScreen).toEqual([]);
      expect(layout.smallTargets).toEqual([]);
    });
  }
});

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violation on the article page', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${runtime.url}/`);
    await page.locator('.comment-list[aria-busy="false"]').waitFor({ state: 'attached' });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('finds none on the sign-in page', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${runtime.url}/admin`);
    await page.getByLabel('Moderator token').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  for (const path of CONSOLE_PAGES) {
    it(`finds none on the ${path} page, with its errors and results showing`, async () => {
      const { page, context } = await moderatorPage(undefined, { bypassCSP: true });
      await openConsole(page, path);
      if (path === 'settings') {
        await page.getByLabel('Hold comments with at least this many links').fill('-1');
        await page.getByRole('button', { name: 'Save settings' }).click();
        await page.locator('#maxLinks-error:not([hidden])').waitFor();
      }
      if (path === 'articles') {
        await page.getByLabel('Article id').fill('closing-time');
        await page.keyboard.press('Enter');
        await page.locator('.article-form:not([hidden])').waitFor();
      }
      if (path === 'bans') await page.locator('.bans-list .ban').first().waitFor();
      if (path === 'privacy') {
        await page.getByLabel('Email address').fill('nobody@example.org');
        await page.keyboard.press('Enter');
        await page.getByText('No comments by this address are stored.').waitFor();
        await page.getByRole('button', { name: 'Erase…' }).click();
        await page.getByRole('dialog').getByText('No comments by this address are stored; erasing').waitFor();
      }
      expect(await seriousAxeViolations(page)).toEqual([]);
      await context.close();
    });
  }
});

describe('a closed article on the page', () => {
  /** A customer's page with the form script for `articleId`. */
  async function readerPage(articleId: string) {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.route(`${runtime.url}/article-${articleId}`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><title>Article</title><main><h1>An article</h1><div id="comments"></div></main>
<script src="${runtime.url}/assets/comments.js" data-api-url="${runtime.apiUrl}" data-article-id="${articleId}"></script>`,
      }),
    );
    await page.goto(`${runtime.url}/article-${articleId}`);
    await page.locator('.comment-list[aria-busy="false"]').waitFor({ state: 'attached' });
    return { page, context };
  }

  async function publish(articleId: string, comment: string): Promise<void> {
    const id = await post(articleId, { comment });
    expect((await api(runtime, 'POST', `/admin/comments/${id}/approve`, { token: MODERATOR_TOKEN })).status).toBe(200);
  }

  it('shows the published comments and “Comments are closed.” instead of the form once a moderator closes it', async () => {
    await publish('closed-by-hand', 'Said before the article was closed.');
    const before = await readerPage('closed-by-hand');
    expect(await before.page.getByRole('button', { name: 'Post Comment' }).count()).toBe(1);
    await before.context.close();

    const { page: moderator, context: moderatorContext } = await moderatorPage();
    await openConsole(moderator, 'articles');
    await moderator.getByLabel('Article id').fill('closed-by-hand');
    await moderator.keyboard.press('Enter');
    // uncheck() returns at once on a box that is unchecked already, as the editor's is until the article has loaded.
    const commentsOpen = moderator.getByLabel('Comments are open');
    await commentsOpen.waitFor();
    expect(await commentsOpen.isChecked()).toBe(true);
    await commentsOpen.uncheck();
    await moderator.getByRole('button', { name: 'Save article' }).click();
    // Saving reads the article back through the API: on a busy machine that can take longer than the default 5 s.
    // Whichever news the page gives (saved, or an error) is what the failure should show.
    await moderator.locator('.page-notice :is([role="status"], [role="alert"]):not(:empty)').first().waitFor({ timeout: 20_000 });
    expect((await moderator.locator('.page-notice').textContent())?.trim()).toBe('Saved: comments on closed-by-hand are closed.');
    await moderatorContext.close();

    const { page, context } = await readerPage('closed-by-hand');
    await page.getByText('Comments are closed.', { exact: true }).waitFor();
    expect(await page.locator('li.comment .comment-content').textContent()).toBe('Said before the article was closed.');
    expect(await page.locator('form, #respond, .comment-reply-link').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows it closed once closeAfterDays have passed since publication', async () => {
    await publish('closed-by-age', 'Said while the article was fresh.');
    const published = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await api(runtime, 'PUT', '/admin/articles/closed-by-age', { token: MODERATOR_TOKEN, body: { publishedAt: published } });
    await api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: { closeAfterDays: 2 } });
    try {
      const { page, context } = await readerPage('closed-by-age');
      await page.getByText('Comments are closed.', { exact: true }).waitFor();
      expect(await page.locator('li.comment').count()).toBe(1);
      expect(await page.locator('#commentform').count()).toBe(0);
      await context.close();
    } finally {
      await api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: { closeAfterDays: null } });
    }
  });
});
