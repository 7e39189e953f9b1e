/**
 * The pages the local runtime serves besides the API:
 *   /                 the demo article with the comment form embedded as a customer embeds it
 *   /admin            the moderators' console (same page as deployed)
 *   /config.json      the console's configuration (no Cognito locally: the token signs in)
 *   /assets/*         the browser bundles, built in memory with esbuild on first use
 *   /related/*        where the article's "Read also" links lead
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bundleWebAssets, type WebAsset } from '../build-web';
import { articlePageHtml, relatedPageHtml } from '../../web/article/article-page';
import { DEMO_ARTICLE, DEMO_ARTICLE_ID } from '../../web/article/demo-article';
import { outcomeFromQuery } from '../../web/form/form-markup';

export { DEMO_ARTICLE_ID };

/** No inline script or style anywhere; the API is on this origin under /api. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

let assets: Promise<Map<string, WebAsset>> | undefined;
/** Built once per process, on the first page or asset request. */
function webAssets(): Promise<Map<string, WebAsset>> {
  if (!assets) {
    assets = bundleWebAssets().then((list) => new Map(list.map((a) => [`/${a.path}`, a])));
    // A failed build is retried on the next request.
    assets.catch(() => (assets = undefined));
  }
  return assets;
}

/** The page's own origin as the browser sees it (localhost or 127.0.0.1), for links back to it. */
function pageOrigin(req: IncomingMessage, url: URL): string {
  const host = req.headers.host ?? '';
  return /^(localhost|127\.0\.0\.1):\d+$/.test(host) && host.endsWith(`:${url.port}`) ? `http://${host}` : url.origin;
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): true {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...headers });
  res.end(body);
  return true;
}

export async function servePage(req: IncomingMessage, res: ServerResponse, url: URL, _context: { apiUrl: string }): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = url.pathname;
  const html = 'text/html; charset=utf-8';

  if (path === '/') {
    const origin = pageOrigin(req, url);
    const page = articlePageHtml({
      article: DEMO_ARTICLE,
      articleId: DEMO_ARTICLE_ID,
      apiUrl: `${origin}/api`,
      pageUrl: `${origin}/`,
      assetsUrl: `${origin}/assets`,
      outcome: outcomeFromQuery(url.searchParams),
      replyNotifications: process.env.REPLY_NOTIFICATIONS === 'on',
    });
    return send(res, 200, html, page);
  }
  if (path === '/admin' || path === '/admin/' || path === '/admin/index.html') {
    const page = (await webAssets()).get('/admin/index.html')!;
    return send(res, 200, html, page.contents);
  }
  if (path === '/config.json') {
    return send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ apiUrl: `${pageOrigin(req, url)}/api` }));
  }
  if (path.startsWith('/assets/')) {
    const asset = (await webAssets()).get(path);
    return asset ? send(res, 200, asset.contentType, asset.contents, { 'Cache-Control': 'no-cache' }) : false;
  }
  if (path.startsWith('/related/')) {
    return send(res, 200, html, relatedPageHtml('/assets'));
  }
  return false;
}
