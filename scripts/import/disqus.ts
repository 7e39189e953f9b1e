/**
 * Disqus export (Admin → Community → Export; schema disqus.xsd /
 * disqus-internals.xsd): <category> elements, then <thread dsq:id> (link,
 * identifier, forum, isDeleted), then flat <post dsq:id> elements naming
 * their thread and parent. The file is read twice: first for the threads
 * (small: one entry per article), then for the posts.
 */
import { type ArticleIdMap, articleIdOfIdentifier, articleIdOfLink, mappedArticleId } from './article-ids';
import type { ArticleIdSource, SourceComment, SourceItem } from './source-comment';
import { attributeKey, type ElementStart, type Location, type XmlReader } from './xml-stream';

export const DISQUS_NAMESPACE = 'http://disqus.com';
const INTERNALS_NAMESPACE = 'http://disqus.com/disqus-internals';

export interface DisqusThread {
  link: string;
  identifier: string;
  forum: string;
  isDeleted: boolean;
  isClosed: boolean;
}

const dsqId = (element: ElementStart) => element.attributes.get(attributeKey(INTERNALS_NAMESPACE, 'id')) ?? null;
const isTrue = (value: string | undefined) => (value ?? '').trim() === 'true';

/** Pass 1: every top-level <thread>, by dsq:id. */
export class DisqusThreadReader implements XmlReader<never> {
  readonly threads = new Map<string, DisqusThread>();
  private depth = 0;
  private current: { id: string; fields: Map<string, string> } | null = null;
  private buffer = '';

  open(element: ElementStart): void {
    this.depth += 1;
    this.buffer = '';
    const id = dsqId(element);
    if (this.depth === 2 && element.local === 'thread' && id !== null) this.current = { id, fields: new Map() };
  }

  text(text: string): void {
    this.buffer += text;
  }

  close(element: { local: string }): void {
    this.depth -= 1;
    if (this.current && this.depth === 2) this.current.fields.set(element.local, this.buffer.trim());
    if (this.current && this.depth === 1 && element.local === 'thread') {
      const { fields } = this.current;
      this.threads.set(this.current.id, {
        link: fields.get('link') ?? '',
        identifier: fields.get('id') ?? '',
        forum: fields.get('forum') ?? '',
        isDeleted: isTrue(fields.get('isDeleted')),
        isClosed: isTrue(fields.get('isClosed')),
      });
      this.current = null;
    }
    this.buffer = '';
  }
}

interface PostDraft {
  id: string | null;
  at: Location;
  fields: Map<string, string>;
  threadId: string | null;
  parentId: string | null;
}

/** Pass 2: every top-level <post>, with its thread from pass 1. */
export class DisqusPostReader implements XmlReader<SourceItem> {
  private readonly path: string[] = [];
  private post: PostDraft | null = null;
  private buffer = '';

  constructor(
    private readonly threads: ReadonlyMap<string, DisqusThread>,
    private readonly articleIdFrom: ArticleIdSource,
    private readonly articleIdMap?: ArticleIdMap,
  ) {}

  open(element: ElementStart): void {
    this.path.push(element.local);
    this.buffer = '';
    const depth = this.path.length;
    if (depth === 2 && element.local === 'post')
      this.post = { id: dsqId(element), at: element.at, fields: new Map(), threadId: null, parentId: null };
    else if (this.post && depth === 3 && element.local === 'thread') this.post.threadId = dsqId(element);
    else if (this.post && depth === 3 && element.local === 'parent') this.post.parentId = dsqId(element);
  }

  text(text: string): void {
    this.buffer += text;
  }

  close(_element: unknown, emit: (item: SourceItem) => void): void {
    const name = this.path.join('/');
    this.path.pop();
    if (this.post && this.path.length >= 2) this.post.fields.set(name.split('/').slice(2).join('/'), this.buffer);
    if (this.post && this.path.length === 1) {
      emit(this.toItem(this.post));
      this.post = null;
    }
    this.buffer = '';
  }

  private toItem(post: PostDraft): SourceItem {
    const { at } = post;
    if (post.id === null || post.id.trim() === '') return { kind: 'bad', at, sourceId: null, problem: 'the post has no dsq:id' };
    const sourceId = post.id.trim();
    const thread = post.threadId === null ? undefined : this.threads.get(post.threadId);
    if (!thread) return { kind: 'bad', at, sourceId, problem: `the post's thread ${post.threadId ?? '(none)'} is not in the file` };
    const field = (name: string) => post.fields.get(name) ?? '';
    const createdAt = isoDate(field('createdAt'));
    const deleted = isTrue(field('isDeleted')) || thread.isDeleted;
    const comment: SourceComment = {
      source: 'disqus',
      site: thread.forum,
      sourceId,
      parentSourceId: post.parentId?.trim() || null,
      articleId: this.articleIdOf(thread),
      articleClosed: thread.isClosed,
      author: field('author/name'),
      email: field('author/email'),
      // Disqus exports carry no website for commenters.
      url: '',
      html: field('message'),
      createdAt,
      status: deleted ? { skip: 'deleted' } : isTrue(field('isSpam')) ? 'spam' : 'approved',
      notes: [],
      at,
    };
    return { kind: 'comment', comment };
  }

  private articleIdOf(thread: DisqusThread): string | null {
    const mapped = mappedArticleId(this.articleIdMap, [thread.link, thread.identifier]);
    if (mapped !== undefined) return mapped;
    const value = this.articleIdFrom === 'id' ? articleIdOfIdentifier(thread.identifier) : articleIdOfLink(thread.link);
    return value === '' ? null : value;
  }
}

/** Disqus dates are ISO 8601 in UTC ("2024-03-01T12:34:56Z"); null when not a date. */
function isoDate(raw: string): string | null {
  const value = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) return null;
  const time = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
