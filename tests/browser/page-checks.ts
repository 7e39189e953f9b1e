/**
 * What every page must pass in the browser tests: an axe-core audit with no
 * serious or critical violation, and a phone layout (390 px) with nothing
 * wider than the screen and every control a finger can hit (44 x 44 CSS px).
 */
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { MODERATOR_TOKEN } from '../support/runtime';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const PHONE = { width: 390, height: 844 };

/** Signs the context in as the local moderator, as the sign-in form would (tested on its own in article-and-console). */
export async function signInContext(context: BrowserContext): Promise<void> {
  const credentials = JSON.stringify({ authorization: `Bearer ${MODERATOR_TOKEN}`, name: 'local moderator', expiresAt: null });
  await context.addInitScript((value) => window.sessionStorage.setItem('moderation:credentials', value), credentials);
}

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical axe-core violations on the page as it is now. The page's context needs bypassCSP (axe is injected inline). */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<Record<string, any>> }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: String(v.id),
      impact: (v.impact as string | null) ?? null,
      help: String(v.help),
      targets: (v.nodes as Array<{ target: unknown[] }>).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface LayoutReport {
  /** How far the page is wider than the screen (0 = no horizontal scrolling). */
  overflow: number;
  /** Visible controls smaller than 44 x 44, as "selector-ish text: w x h". */
  smallTargets: string[];
  /** Visible elements whose right edge is past the screen. */
  offScreen: string[];
}

/** Measures the page as laid out now. A checkbox or radio counts by its label, which is what a finger hits. */
export async function phoneLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || ''}"`;
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !el.closest('[hidden], dialog:not([open])');
    };
    const smallTargets: string[] = [];
    for (const el of document.querySelectorAll('button, a[href], input, select, textarea, summary')) {
      if (!visible(el) || (el instanceof HTMLInputElement && el.type === 'hidden')) continue;
      const target = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') ?? el) : el;
      const box = target.getBoundingClientRect();
      if (box.width < 44 || box.height < 44) smallTargets.push(`${describe(target)}: ${Math.round(box.width)} x ${Math.round(box.height)}`);
    }
    const offScreen = Array.from(document.querySelectorAll('body *'))
      .filter((el) => visible(el) && el.getBoundingClientRect().right > width + 0.5)
      .map(describe);
    return { overflow: document.documentElement.scrollWidth - width, smallTargets, offScreen };
  });
}

/** True when the two elements' boxes overlap. */
export async function overlap(page: Page, a: string, b: string): Promise<boolean> {
  const [boxA, boxB] = await Promise.all([page.locator(a).boundingBox(), page.locator(b).boundingBox()]);
  if (!boxA || !boxB) throw new Error(`${a} or ${b} is not on the page`);
  return boxA.x < boxB.x + boxB.width && boxB.x < boxA.x + boxA.width && boxA.y < boxB.y + boxB.height && boxB.y < boxA.y + boxA.height;
}
