/**
 * WordPress eXtended RSS (Tools → Export), versions 1.0–1.2: one <item> per
 * post, its comments as <wp:comment> children. A post's comments are
 * collected until its </item> (its slug may follow them) and handed on oldest
 * first; a reply may come before its parent, which is fine because ids are
 * derived from the source ids, not from the order.
 */
import type { CommentStatus } from '../../lambda/domain/comment';
import { type ArticleIdMap, articleIdOfLink, articleIdOfText, mappedArticleId } from './article-ids';
import type { ArticleIdSource, SkipReason, SourceComment, SourceItem } from './source-comment';
import type { ElementStart, Location, XmlReader } from './xml-stream';

// WordPress.com and the official test data write https; an unbound "wp" prefix is read as WordPress's too.
const WP_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/;
export const isWordPressNamespace = (uri: string) => WP_NAMESPACE.test(uri);
const ZERO_DATE = /^0000-00-00/;

type Fields = Map<string, string>;

export class WxrReader implements XmlReader<SourceItem> {
  private readonly path: string[] = [];
  private buffer = '';
  /** The blog's own URL, else the network's, else the channel link: a multisite network and WordPress.com share base_site_url. */
  private readonly siteUrls = { 'wp:base_blog_url': '', 'wp:base_site_url': '', link: '' };
  private post: Fields | null = null;
  private comments: Array<{ fields: Fields; at: Location }> = [];
  private comment: { fields: Fields; at: Location } | null = null;

  constructor(
    private readonly articleIdFrom: ArticleIdSource,
    private readonly articleIdMap?: ArticleIdMap,
  ) {}

  private get site(): string {
    return this.siteUrls['wp:base_blog_url'] || this.siteUrls['wp:base_site_url'] || this.siteUrls.link;
  }

  open(element: ElementStart): void {
    const name = nameOf(element);
    this.path.push(name);
    this.buffer = '';
    if (name === 'item' && this.path.length === 3) {
      this.post = new Map();
      this.comments = [];
    } else if (name === 'wp:comment' && this.post) {
      this.comment = { fields: new Map(), at: element.at };
    }
  }

  text(text: string): void {
    this.buffer += text;
  }

  close(_element: unknown, emit: (item: SourceItem) => void): void {
    const name = this.path.pop() ?? '';
    const parent = this.path.at(-1);
    const value = this.buffer;
    this.buffer = '';
    if (parent === 'channel' && (name === 'wp:base_blog_url' || name === 'wp:base_site_url' || name === 'link'))
      this.siteUrls[name] = value.trim();
    else if (parent === 'item' && this.post && name !== 'wp:comment') this.post.set(name, value);
    else if (parent === 'wp:comment' && this.comment) this.comment.fields.set(name, value);
    else if (name === 'wp:comment' && this.comment) {
      this.comments.push(this.comment);
      this.comment = null;
    } else if (name === 'item' && this.post) {
      const post = this.post;
      const items = this.comments.map(({ fields, at }) => this.toItem(post, fields, at));
      for (const item of items.sort(byDate)) emit(item);
      this.post = null;
      this.comments = [];
    }
  }

  private toItem(post: Fields, fields: Fields, at: Location): SourceItem {
    const sourceId = (fields.get('wp:comment_id') ?? '').trim();
    if (!/^\d+$/.test(sourceId))
      return { kind: 'bad', at, sourceId: sourceId || null, problem: 'wp:comment_id is missing or not a number' };
    const status = statusOf(fields, post);
    if (status === null) {
      return { kind: 'bad', at, sourceId, problem: `unknown wp:comment_approved "${(fields.get('wp:comment_approved') ?? '').trim()}"` };
    }
    const notes: string[] = [];
    let createdAt = wpDate(fields.get('wp:comment_date_gmt'));
    if (createdAt === null) {
      createdAt = wpDate(fields.get('wp:comment_date'));
      if (createdAt !== null) notes.push('date taken from wp:comment_date (site time; wp:comment_date_gmt is empty)');
    }
    const parent = (fields.get('wp:comment_parent') ?? '').trim();
    const comment: SourceComment = {
      source: 'wordpress',
      site: this.site,
      sourceId,
      parentSourceId: parent === '' || parent === '0' ? null : parent,
      articleId: articleIdOf(post, this.articleIdFrom, this.articleIdMap),
      articleClosed: (post.get('wp:comment_status') ?? '').trim() === 'closed',
      author: fields.get('wp:comment_author') ?? '',
      email: fields.get('wp:comment_author_email') ?? '',
      url: fields.get('wp:comment_author_url') ?? '',
      html: fields.get('wp:comment_content') ?? '',
      createdAt,
      status,
      notes,
      at,
    };
    return { kind: 'comment', comment };
  }
}

/** Namespaced WordPress elements as "wp:local" whatever prefix the file uses; others by local name. */
function nameOf(element: Pick<ElementStart, 'uri' | 'local'>): string {
  return WP_NAMESPACE.test(element.uri) || element.uri === 'wp' ? `wp:${element.local}` : element.local;
}

// Post states whose comments readers never saw ("trash" posts mark their comments post-trashed).
const UNPUBLISHED = new Set(['private', 'draft', 'pending', 'future', 'auto-draft']);

function statusOf(fields: Fields, post: Fields): CommentStatus | { skip: SkipReason } | null {
  if ((post.get('wp:post_password') ?? '').trim() !== '') return { skip: 'on a password-protected post' };
  if (UNPUBLISHED.has((post.get('wp:status') ?? '').trim())) return { skip: 'on a private or unpublished post' };
  const type = (fields.get('wp:comment_type') ?? '').trim();
  if (type === 'pingback' || type === 'trackback') return { skip: type };
  if (type !== '' && type !== 'comment') return { skip: 'other comment type' };
  switch ((fields.get('wp:comment_approved') ?? '').trim()) {
    case '1':
      return 'approved';
    case '0':
      return 'pending';
    case 'spam':
      return 'spam';
    case 'trash':
      return { skip: 'trash' };
    case 'post-trashed':
      return { skip: 'on a trashed post' };
    default:
      return null;
  }
}

/** "2024-03-01 12:34:56" (WordPress's MySQL format) as ISO 8601 UTC; null for empty, zero or invalid dates. */
export function wpDate(raw: string | undefined): string | null {
  const value = (raw ?? '').trim();
  if (value === '' || ZERO_DATE.test(value)) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2024-02-31 over to March: refuse it instead.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return date.toISOString();
}

function articleIdOf(post: Fields, from: ArticleIdSource, map: ArticleIdMap | undefined): string | null {
  const field = (name: string) => (post.get(name) ?? '').trim();
  const mapped = mappedArticleId(map, [field('link'), field('wp:post_name'), field('wp:post_id'), field('guid')]);
  if (mapped !== undefined) return mapped;
  const value =
    from === 'slug' ? articleIdOfText(field('wp:post_name')) : from === 'id' ? field('wp:post_id') : articleIdOfLink(field('link'));
  return value === '' ? null : value;
}

function byDate(a: SourceItem, b: SourceItem): number {
  const at = a.kind === 'comment' ? (a.comment.createdAt ?? '') : '';
  const bt = b.kind === 'comment' ? (b.comment.createdAt ?? '') : '';
  return at < bt ? -1 : at > bt ? 1 : 0;
}
