/** What a format reader (WXR, Disqus) hands on: one comment as the export has it, or why an entry cannot be used. */
import type { CommentStatus } from '../../lambda/domain/comment';
import type { SourceName } from '../../lambda/domain/imported-comment';
import type { Location } from './xml-stream';

/** Why an entry is deliberately not imported (counted, not an error). */
export type SkipReason =
  | 'trash'
  | 'on a trashed post'
  | 'pingback'
  | 'trackback'
  | 'deleted'
  | 'other comment type'
  | 'on a password-protected post'
  | 'on a private or unpublished post'
  | 'already imported'
  | 'duplicate';

/** Where the article id comes from: the post slug / the last segment of the thread link (default), the link's last path segment, or the source's own post or thread id. */
export type ArticleIdSource = 'slug' | 'link' | 'id';

export interface SourceComment {
  source: SourceName;
  /** The site the export is from (WordPress blog URL, Disqus forum): ids are unique only within it. */
  site: string;
  sourceId: string;
  parentSourceId: string | null;
  /** The article id chosen by --article-id-map or --article-id-from, or null when the export has none. */
  articleId: string | null;
  /** The post or thread takes no new comments at the source: the article is closed here too. */
  articleClosed: boolean;
  author: string;
  email: string;
  url: string;
  /** Comment HTML as exported. */
  html: string;
  /** ISO 8601 UTC, or null when the export has no usable date. */
  createdAt: string | null;
  status: CommentStatus | { skip: SkipReason };
  /** Things worth telling the user that did not stop the import ("date from comment_date"). */
  notes: string[];
  at: Location;
}

export type SourceItem =
  | { kind: 'comment'; comment: SourceComment }
  | { kind: 'bad'; at: Location; sourceId: string | null; problem: string };

export type ExportFormat = 'wxr' | 'disqus';
