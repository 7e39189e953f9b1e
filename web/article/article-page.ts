/**
 * The demo news page: an article (demo-article.ts; its "related" blocks are
 * "Read also" links) with the comment form embedded exactly as a customer
 * embeds it: a container plus one script tag. The container already holds the plain form, so posting works
 * without JavaScript; the script replaces it with the full comments section.
 */
import { escapeHtml } from '../../lambda/domain/text-patterns';
import { commentFormHtml, type FormOutcome } from '../form/form-markup';

export interface Article {
  title: string;
  standfirst: string;
  blocks: ArticleBlock[];
}

export type ArticleBlock = { kind: 'paragraph'; text: string } | { kind: 'related'; title: string } | { kind: 'note'; text: string };

export const slugify = (title: string): string =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

export interface ArticlePageOptions {
  article: Article;
  articleId: string;
  /** The API base, e.g. http://127.0.0.1:3000/api */
  apiUrl: string;
  /** This page's own address: where a plain form post comes back to. */
  pageUrl: string;
  /** Where comments.js and the stylesheets are served from. */
  assetsUrl: string;
  outcome: FormOutcome | null;
  /** The plain form offers reply notifications (the deployment can send mail). */
  replyNotifications?: boolean;
  /** Where the script reads comments from (the read cache); unset: the API itself. */
  readUrl?: string;
}

export function articlePageHtml(options: ArticlePageOptions): string {
  const { article, articleId, apiUrl, pageUrl, assetsUrl, outcome, replyNotifications, readUrl } = options;
  const e = escapeHtml;
  const action = `${apiUrl}/articles/${encodeURIComponent(articleId)}/comments`;
  const related = article.blocks.filter((b) => b.kind === 'related');
  const body = article.blocks
    .map((block) => {
      if (block.kind === 'related')
        return `<p class="read-also"><span>Read also:</span> <a href="/related/${e(slugify(block.title))}">${e(block.title)}</a></p>`;
      if (block.kind === 'note') return `<p class="story-note">${e(block.text)}</p>`;
      return `<p>${e(block.text)}</p>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(article.title)} | The Kyiv Ledger</title>
<meta name="description" content="${e(article.standfirst)}">
<link rel="stylesheet" href="${e(assetsUrl)}/article.css">
<link rel="stylesheet" href="${e(assetsUrl)}/comments.css">
</head>
<body>
<a class="skip-link" href="#story">Skip to the article</a>
<header class="masthead">
<div class="masthead-inner"><a class="brand" href="/">The Kyiv Ledger</a><span class="tagline">Independent news from Ukraine and the world</span></div>
<nav class="sections" aria-label="Sections"><a href="/" aria-current="page">World</a><a href="/">Ukraine</a><a href="/">Politics</a><a href="/">Economy</a><a href="/">Opinion</a></nav>
</header>
<div class="page">
<main id="story" class="story">
<article>
<p class="kicker">World · War in Ukraine</p>
<h1>${e(article.title)}</h1>
<p class="standfirst">${e(article.standfirst)}</p>
<p class="byline">By the News Desk</p>
<div class="story-body">
${body}
</div>
</article>
<div id="comments" class="comments-area">
<h2 class="comments-title">Comments</h2>
${commentFormHtml({ action, redirectTo: pageUrl, outcome, replyNotifications })}
</div>
<script src="${e(assetsUrl)}/comments.js" data-api-url="${e(apiUrl)}"${readUrl ? ` data-read-url="${e(readUrl)}"` : ''} data-article-id="${e(articleId)}" defer></script>
</main>
<aside class="sidebar" aria-labelledby="most-read">
<h2 id="most-read">Most read</h2>
<ol>${related.map((b) => `<li><a href="/related/${e(slugify(b.title))}">${e(b.title)}</a></li>`).join('')}</ol>
</aside>
</div>
<footer class="site-footer"><p>The Kyiv Ledger is a demo site for the comment moderation service. <a href="/admin">Moderators</a></p></footer>
</body>
</html>
`;
}

/** The related-article links lead here: the demo has one article. */
export function relatedPageHtml(assetsUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>The Kyiv Ledger</title>
<link rel="stylesheet" href="${escapeHtml(assetsUrl)}/article.css"></head>
<body><header class="masthead"><div class="masthead-inner"><a class="brand" href="/">The Kyiv Ledger</a></div></header>
<main class="page"><div class="story"><h1>Only one article here</h1><p>This demo site carries a single story. <a href="/">Back to the article</a>.</p></div></main></body></html>
`;
}
