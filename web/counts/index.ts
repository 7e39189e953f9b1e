/**
 * The comment-count script for article lists. Every
 * `<span data-comment-count="article-id"></span>` on the page gets that
 * article's number of published comments, all from one request (GET /counts,
 * up to 50 articles; more make one request per 50), answered from the edge
 * cache like the comment lists:
 *
 *   <script src="https://…/assets/comment-counts.js" defer data-api-url="https://…/api"></script>
 *
 * A span keeps its text (say, a dash) when the count cannot be loaded. Each
 * filled span also gets `data-comment-count-value` with the bare number, for styling.
 */
import { articleIdsOf, countUrls } from './comment-counts';

const script = document.currentScript as HTMLScriptElement | null;

async function fill(): Promise<void> {
  const apiUrl = script?.dataset.apiUrl;
  if (!apiUrl) {
    console.error('comment-counts.js needs data-api-url on its script tag.');
    return;
  }
  const spans = Array.from(document.querySelectorAll<HTMLElement>('[data-comment-count]'));
  const ids = articleIdsOf(spans.map((span) => span.dataset.commentCount));
  for (const url of countUrls(apiUrl, ids)) {
    try {
      // no-cache: ask every time (the edge answers from its cache) rather than reuse the browser's own stale copy.
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit', cache: 'no-cache' });
      if (!response.ok) continue;
      const { counts } = (await response.json()) as { counts: Record<string, number> };
      const found = new Map(Object.entries(counts));
      for (const span of spans) {
        const count = found.get(span.dataset.commentCount?.trim() ?? '');
        if (typeof count !== 'number') continue;
        span.textContent = String(count);
        span.dataset.commentCountValue = String(count);
      }
    } catch {
      // Network failure: leave the spans as the page wrote them.
    }
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void fill());
else void fill();
