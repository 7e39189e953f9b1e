/**
 * The demo article page as the stack hosts it: index.html, plus the pages
 * its "Read also" links lead to. It is built before the API exists, so it
 * carries markers for the API URL and the site's address, which the stack
 * fills in when it uploads the page (lib/demo-page.ts).
 */
import { DEMO_PAGE_MARKERS } from '../lib/demo-page';
import { articlePageHtml, relatedPageHtml, slugify } from '../web/article/article-page';
import { DEMO_ARTICLE, DEMO_ARTICLE_ID } from '../web/article/demo-article';
import type { WebAsset } from './web-asset';

const html = 'text/html; charset=utf-8';
const encode = (text: string) => new TextEncoder().encode(text);

export function demoSitePages(): WebAsset[] {
  const article = DEMO_ARTICLE;
  const index = articlePageHtml({
    article,
    articleId: DEMO_ARTICLE_ID,
    apiUrl: DEMO_PAGE_MARKERS.apiUrl,
    pageUrl: `${DEMO_PAGE_MARKERS.siteUrl}/`,
    assetsUrl: '/assets',
    outcome: null,
  });
  // CloudFront serves /related/<slug> as /related/<slug>/index.html.
  const related = article.blocks.flatMap((block) =>
    block.kind === 'related'
      ? [{ path: `related/${slugify(block.title)}/index.html`, contents: encode(relatedPageHtml('/assets')), contentType: html }]
      : [],
  );
  return [{ path: 'index.html', contents: encode(index), contentType: html }, ...related];
}
