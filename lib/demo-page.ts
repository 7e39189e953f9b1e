/**
 * The hosted demo article page is built with the web assets (web/dist/index.html),
 * before the API exists. Where it needs deploy-time values it carries these
 * markers; the stack swaps them for the real values when it uploads the page.
 */
export const DEMO_PAGE_MARKERS = {
  /** The API stage URL without a trailing slash (the form's data-api-url and action). */
  apiUrl: 'https://comment-api.invalid/stage',
  /** The site's own origin (where a plain form post returns to). */
  siteUrl: 'https://comment-site.invalid',
  /** The read cache's URL (the script's data-read-url): the demo reads as a real article page does. */
  readUrl: 'https://comment-read-cache.invalid/stage',
} as const;

export type DemoPageValues = Record<keyof typeof DEMO_PAGE_MARKERS, string>;

/** The page with every marker replaced (values may be CloudFormation tokens). */
export function fillDemoPage(html: string, values: DemoPageValues): string {
  let filled = html;
  for (const key of Object.keys(DEMO_PAGE_MARKERS) as Array<keyof typeof DEMO_PAGE_MARKERS>) {
    filled = filled.split(DEMO_PAGE_MARKERS[key]).join(values[key]);
  }
  return filled;
}
