/**
 * The Triage page in a real Chromium, on figures the learner's store holds
 * (seeded through it): reached from the navigation with the keyboard, the
 * 30-day figures in words, the chart described for screen readers with the
 * same figures as a table, a phone layout, and no serious axe finding.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { keys } from '../../lambda/adapters/dynamodb/items';
import { DynamoDbTriageStore } from '../../lambda/adapters/dynamodb/triage-store';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { api, startTestRuntime, validComment } from '../support/runtime';
import { launchChromium } from './chromium';
import { PHONE, phoneLayout, seriousAxeViolations, signInContext } from './page-checks';

/** Screenshots go to docs/ only with UPDATE_SCREENSHOTS=1. */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
let runtime: LocalRuntime;
let browser: Browser;
const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  runtime = await startTestRuntime();
  browser = await launchChromium();
  const db = createDocumentClient(runtime.dynamodb.endpoint);
  const store = new DynamoDbTriageStore({ db, tables: { comments: runtime.tables.Comments!, private: runtime.tables.Private! } });
  await store.commit({
    model: {
      bytes: Uint8Array.from([7]),
      expected: null,
      taught: { examples: { approved: 900, rejected: 120, spam: 180 }, byOrigin: { moderator: 700, audit: 20, reversal: 5, import: 475 } },
    },
    days: {
      [daysAgo(2)]: { autoPublished: 150, autoSpam: 40, audits: 5, queued: 55, auditAgreed: 19, auditReversed: 1 },
      [daysAgo(0)]: {
        autoPublished: 50,
        autoRejected: 10,
        queued: 40,
        byRules: 100,
        reversals: 2,
        taughtApproved: 30,
        taughtRejected: 10,
        taughtModerator: 38,
        taughtReversal: 2,
      },
    },
  });
  // A queued comment with the triage record the submit path stores: the gate would have published it, and drew it for audit.
  const posted = await api(runtime, 'POST', '/articles/triage-queue/comments', { body: validComment({ comment: 'An audited comment.' }) });
  expect(posted.status).toBe(202);
  await db.send(
    new UpdateCommand({
      TableName: runtime.tables.Comments!,
      Key: keys.comment(posted.body.id),
      UpdateExpression: 'SET triage = :triage',
      ExpressionAttributeValues: { ':triage': { scores: { remove: 0.04, spam: 0.011 }, auto: 'published', audit: true } },
    }),
  );
  db.destroy();
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function triagePage(viewport = { width: 1280, height: 900 }, bypassCSP = false): Promise<Page> {
  const context = await browser.newContext({ viewport, bypassCSP });
  await signInContext(context);
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  await page.goto(`${runtime.url}/admin#/queue`);
  await page.locator('.page-title').waitFor();
  return page;
}

const ready = (page: Page) => page.locator('.triage-body[aria-busy="false"] .triage-figures').waitFor();

describe('the Triage page', () => {
  it('is reached from the navigation with the keyboard and says the 30 days in words', async () => {
    const page = await triagePage();
    await page.getByRole('link', { name: 'Triage' }).focus();
    await page.keyboard.press('Enter');
    await ready(page);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Triage');
    const figures = await page.locator('.triage-figures').textContent();
    expect(figures).toContain('56 %: 250 of 450 comments (published 200, rejected 10, spam 40).');
    expect(figures).toContain('Decided by other rules100 (auto-approve, pre-moderation off, bans and the like).');
    expect(figures).toContain('5.0 %, at most 24 % (95 % bound), from 20 audits.');
    expect(figures).toContain('5 drawn; 20 decided: 19 agreed, 1 reversed.');
    expect(figures).toContain(
      '40 examples in 30 days: approved 30, rejected 10, spam 0; from moderators 38, audits 0, reversals 2, imported history 0.',
    );
    expect(figures).toContain('1,200 examples in all');
    await page.context().close();
  });

  it('describes the chart for screen readers and gives its figures as a table, opened with the keyboard', async () => {
    const page = await triagePage();
    await page.goto(`${runtime.url}/admin#/triage`);
    await ready(page);
    const chart = page.getByRole('img');
    expect(await chart.getAttribute('aria-label')).toBe(
      `Comments per day from ${daysAgo(29)} to ${daysAgo(0)}: 250 of 450 decided automatically (56 %); the busiest day was ${daysAgo(2)}.`,
    );
    expect(await page.locator('.triage-chart rect').count()).toBe(30 * 4);
    await page.locator('.triage-details summary').focus();
    await page.keyboard.press('Enter');
    const rows = page.getByRole('table', { name: 'Comments per day' }).locator('tbody tr');
    expect(await rows.count()).toBe(30);
    expect(await rows.nth(0).locator('th, td').allTextContents()).toEqual([daysAgo(0), '60', '0', '40', '100']);
    expect(await rows.nth(2).locator('th, td').allTextContents()).toEqual([daysAgo(2), '190', '5', '55', '0']);
    if (UPDATE_SCREENSHOTS) await page.screenshot({ path: resolve('docs', 'console-triage.png'), fullPage: true });
    await page.context().close();
  });

  it('fits a phone, table open, with touch targets of at least 44 x 44 px', async () => {
    const page = await triagePage(PHONE);
    await page.goto(`${runtime.url}/admin#/triage`);
    await ready(page);
    await page.locator('.triage-details summary').click();
    expect(await phoneLayout(page)).toEqual({ overflow: 0, smallTargets: [], offScreen: [] });
    await page.context().close();
  });

  it('is not the only place the model speaks: a queued comment shows its scores and what the gate did with it', async () => {
    const page = await triagePage();
    const item = page.locator('.queue-item', { hasText: 'An audited comment.' });
    await item.waitFor();
    expect(await item.locator('.item-triage').textContent()).toBe(
      'Model: remove 0.04, spam 0.01 · audit: the gate would have published it',
    );
    await page.context().close();
  });

  it('has no serious or critical axe finding, with the table open', async () => {
    const page = await triagePage(undefined, true);
    await page.goto(`${runtime.url}/admin#/triage`);
    await ready(page);
    await page.locator('.triage-details summary').click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
