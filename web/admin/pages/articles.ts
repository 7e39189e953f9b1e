/**
 * Articles: look one up by its id, open or close its comments, set its
 * pre-moderation. An article nobody has set up yet answers the defaults;
 * saving creates it.
 */
import { h } from '../../shared/dom';
import { formatDateTime } from '../../shared/time';
import { ApiError, type ArticleSettings } from '../api';
import type { ConsolePage } from './console-page';
import { checkboxField, selectField, textField, type Field } from './fields';
import { messageOf, pageNotice } from './notice';

const PREMODERATION = [
  { value: 'site', label: 'as the site setting says' },
  { value: 'true', label: 'hold every comment for moderation' },
  { value: 'false', label: 'follow the site’s rules, without holding every comment' },
];

const premoderationValue = (value: boolean | null) => (value === null ? 'site' : String(value));
const premoderationFrom = (value: string) => (value === 'site' ? null : value === 'true');

const DAY_MS = 86_400_000;

/** Whether comments are open, and when the site's closeAfterDays closes them by itself. */
function describe(article: ArticleSettings, closeAfterDays: number | null): string {
  const published = article.publishedAt ? ` Published ${formatDateTime(article.publishedAt)}.` : '';
  if (!article.commentsOpen) return `Comments are closed.${published}`;
  if (closeAfterDays === null) return `Comments are open.${published}`;
  if (!article.publishedAt) return `Comments are open; they close ${closeAfterDays} days after the first comment (site setting).`;
  const closes = Date.parse(article.publishedAt) + closeAfterDays * DAY_MS;
  const rule = `${closeAfterDays} days after publication (site setting)`;
  const when = formatDateTime(new Date(closes).toISOString());
  return closes <= Date.now()
    ? `Comments are closed: ${rule}, since ${when}.${published}`
    : `Comments are open until ${when}, ${rule}.${published}`;
}

export const articlesPage: ConsolePage = {
  path: 'articles',
  label: 'Articles',
  mount(container, { api }) {
    const notice = pageNotice();
    const articleId = textField('article-id', 'Article id', {
      help: 'As in the page’s data-article-id, e.g. putin-g20-negotiation-offer.',
    });
    const lookup = h(
      'form',
      { class: 'lookup-form', novalidate: true, role: 'search', 'aria-label': 'Look up an article' },
      articleId.element,
      h('button', { type: 'submit', class: 'primary' }, 'Look up'),
    );

    const commentsOpen = checkboxField(
      'article-commentsOpen',
      'Comments are open',
      'Closed: readers see “Comments are closed.” instead of the form.',
    );
    const premoderation = selectField('article-premoderation', 'New comments on this article', PREMODERATION);
    const heading = h('h3', { id: 'article-heading' });
    const state = h('p', { class: 'article-state' });
    const editor = h(
      'form',
      { class: 'article-form', novalidate: true, hidden: true, 'aria-labelledby': 'article-heading' },
      heading,
      state,
      commentsOpen.element,
      premoderation.element,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save article')),
    );
    container.append(notice.element, lookup, editor);

    let current: ArticleSettings | null = null;
    const fields: Record<string, Field> = { commentsOpen, premoderation, articleId };

    function show(article: ArticleSettings, closeAfterDays: number | null): void {
      current = article;
      heading.textContent = article.articleId;
      commentsOpen.checkbox.checked = article.commentsOpen;
      premoderation.select.value = premoderationValue(article.premoderation);
      state.textContent = describe(article, closeAfterDays);
      editor.hidden = false;
    }

    /** The site's closeAfterDays rides along, so the page can say when the article closes by itself. */
    const closeAfterDays = () =>
      api.settings().then(
        (s) => s.closeAfterDays,
        () => null,
      );

    lookup.addEventListener('submit', (event) => {
      event.preventDefault();
      void (async () => {
        articleId.setError(null);
        notice.clear();
        const id = articleId.input.value.trim();
        if (!id) {
          articleId.setError('Enter the article’s id.');
          articleId.input.focus();
          return;
        }
        try {
          const [article, days] = await Promise.all([api.article(id), closeAfterDays()]);
          show(article, days);
          commentsOpen.checkbox.focus();
        } catch (error) {
          editor.hidden = true;
          current = null;
          // A malformed id is a 400 whose message says what an id may contain.
          if (error instanceof ApiError && (error.status === 400 || error.status === 422)) articleId.setError(error.message);
          else notice.error(messageOf(error));
          articleId.input.focus();
        }
      })();
    });

    editor.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!current) return;
      const article = current;
      void (async () => {
        commentsOpen.setError(null);
        premoderation.setError(null);
        try {
          const saved = await api.saveArticle(article.articleId, {
            commentsOpen: commentsOpen.checkbox.checked,
            premoderation: premoderationFrom(premoderation.select.value),
          });
          show(saved, await closeAfterDays());
          notice.success(`Saved: comments on ${saved.articleId} are ${saved.commentsOpen ? 'open' : 'closed'}.`);
        } catch (error) {
          if (error instanceof ApiError && error.status === 422) {
            for (const [key, message] of Object.entries(error.fields)) (fields[key] ?? articleId).setError(message);
            notice.error('Nothing was saved: see the highlighted field.');
          } else notice.error(messageOf(error));
        }
      })();
    });

    return () => {};
  },
};
