/**
 * The comment form script. A page embeds it with one tag and a container:
 *
 *   <div id="comments"></div>
 *   <script src="https://…/assets/comments.js" defer
 *           data-api-url="https://…/api" data-article-id="my-article"></script>
 *
 * Optional: data-read-url="https://…/api" (where comments are read: the
 * read cache deployed; default data-api-url, where comments are always
 * posted), data-container="<element id>" (default "comments"; without one
 * the section goes right after the script tag), data-page-size="1–100"
 * (default 50) and data-stylesheet="none" to style it yourself instead of
 * loading comments.css from beside the script.
 */
import { mountCommentsSection } from './comments-section';

const script = document.currentScript as HTMLScriptElement | null;

function start(): void {
  if (!script) return;
  const { apiUrl, readUrl, articleId, container: containerId, stylesheet, pageSize } = script.dataset;
  if (!apiUrl || !articleId) {
    console.error('comments.js needs data-api-url and data-article-id on its script tag.');
    return;
  }
  if (stylesheet !== 'none') addStylesheet(new URL('comments.css', script.src).href);
  let container = document.getElementById(containerId ?? 'comments');
  if (!container) {
    container = document.createElement('div');
    script.after(container);
  }
  const size = Number(pageSize);
  mountCommentsSection(container, {
    apiUrl,
    readUrl: readUrl || undefined,
    articleId,
    pageSize: Number.isInteger(size) && size >= 1 && size <= 100 ? size : undefined,
  });
}

function addStylesheet(href: string): void {
  const present = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')).some((link) => link.href === href);
  if (present) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
