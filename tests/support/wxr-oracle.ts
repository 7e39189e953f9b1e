/**
 * What docs/import.md says an import of a WordPress export stores, worked
 * out from the file with regular expressions alone: no code of the importer.
 * For plain-text fixtures (no HTML in the comments).
 */
export interface ExpectedComment {
  sourceId: string;
  author: string;
  text: string;
  createdAt: string;
  parentSourceId: string | null;
  status: 'approved' | 'pending' | 'spam';
}

export interface ExpectedArticle {
  articleId: string;
  closed: boolean;
  comments: ExpectedComment[];
}

const field = (xml: string, name: string) => {
  const match = new RegExp(`<wp:${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</wp:${name}>`).exec(xml);
  return match ? match[1]!.trim() : '';
};

/** The id docs/import.md gives a page for a slug (its own one-liner). */
const articleIdOf = (slug: string) =>
  Array.from(new TextEncoder().encode(decodeURIComponent(slug)), (b) =>
    /[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `_${b.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');

const STORED: Record<string, ExpectedComment['status']> = { '1': 'approved', '0': 'pending', spam: 'spam' };

/** Every article with its expected comments; articles whose comments are not stored have none. */
export function expectedImport(wxr: string): ExpectedArticle[] {
  const articles: ExpectedArticle[] = [];
  for (const [, item] of wxr.matchAll(/<item>([\s\S]*?)<\/item>/g)) {
    const post = item!.replace(/<wp:comment>[\s\S]*?<\/wp:comment>/g, '');
    const visible = field(post, 'status') === 'publish' && field(post, 'post_password') === '';
    const comments: ExpectedComment[] = [];
    for (const [, comment] of item!.matchAll(/<wp:comment>([\s\S]*?)<\/wp:comment>/g)) {
      const status = STORED[field(comment!, 'comment_approved')];
      const type = field(comment!, 'comment_type');
      if (!visible || !status || (type !== '' && type !== 'comment')) continue;
      const parent = field(comment!, 'comment_parent');
      comments.push({
        sourceId: field(comment!, 'comment_id'),
        author: field(comment!, 'comment_author'),
        text: field(comment!, 'comment_content'),
        createdAt: `${field(comment!, 'comment_date_gmt').replace(' ', 'T')}.000Z`,
        parentSourceId: parent === '0' || parent === '' ? null : parent,
        status,
      });
    }
    articles.push({ articleId: articleIdOf(field(post, 'post_name')), closed: field(post, 'comment_status') === 'closed', comments });
  }
  return articles;
}
